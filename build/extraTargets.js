// Extra esbuild targets loaded by esbuild.js: the codebase index worker (a separate script, started with
// worker_threads) and the WASM files tree-sitter loads at run time (copied to <outdir>/grammars, where
// src/node/grammars.ts looks first, via the bundle's __dirname).
const fs = require('fs');
const path = require('path');

// Every grammar src/node/grammars.ts can load (the index uses all but bash; command analysis uses bash), from
// the one list of where each comes from. They are copied flat, by file name, which is where grammars.ts looks.
const grammarFiles = require('../src/node/grammarFiles.json');

function copyGrammars(outdir) {
  const target = path.join(outdir, 'grammars');
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(target, 'web-tree-sitter.wasm'));
  for (const spec of Object.values(grammarFiles)) {
    const [pkg, ...inner] = spec.split('/');
    const source = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...inner);
    fs.copyFileSync(source, path.join(target, path.basename(spec)));
  }
}

/**
 * The ESM build of web-tree-sitter (what an `import` resolves to) needs import.meta.url, which a CommonJS bundle
 * does not have; its CommonJS build works. Other bundles that load grammars can use this plugin too.
 */
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup: (build) => build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') })),
};

module.exports = (common, outdir = 'dist') => [
  {
    ...common,
    entryPoints: [path.join(__dirname, '..', 'src', 'node', 'indexer', 'indexWorker.ts')],
    outfile: path.join(outdir, 'indexWorker.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [webTreeSitterCjs, { name: 'copy-grammars', setup: (build) => build.onEnd((result) => { if (result.errors.length === 0) copyGrammars(outdir); }) }],
  },
];

module.exports.webTreeSitterCjs = webTreeSitterCjs;
