// Node bundles are CommonJS, where `import.meta.url` does not exist; dependencies shipped as dual packages
// (web-tree-sitter's createRequire(import.meta.url)) still need it, so it is defined from __filename.
// Shared by esbuild.js and the benchmarks that bundle the CLI (bench/repomap), so both build it the same way.
const path = require('path');

module.exports = (common) => ({
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { 'import.meta.url': '__importMetaUrl' },
  // jsonc-parser's `main` is a UMD build that requires its parts at run time, which a bundle cannot resolve.
  alias: { 'jsonc-parser': path.join(__dirname, '..', 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
