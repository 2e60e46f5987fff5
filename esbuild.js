// Bundles the three targets: the extension host (vscode external), the CLI (Node), and the webview scripts (browser).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'info', legalComments: 'none' };

// Node bundles: CommonJS with import.meta.url defined (see build/nodeCommon.js, which the benchmarks share).
const nodeCommon = require('./build/nodeCommon.js')(common);

// zod's `z.locales` namespace pulls every translation (~250 KB) into a bundle; the webviews use the default
// English messages only (imported separately by zod), so the namespace is an empty module there.
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup: (build) => {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

// markdown-it imports `entities` for one decoder; `entities` unpacks its HTML entity table as its module runs, which
// the panel's first frame paid for. Its import from markdown-it goes to src/webview/lazyEntities.ts, which loads it
// on first use.
const lazyEntities = {
  name: 'lazy-entities',
  setup: (build) => {
    build.onResolve({ filter: /^entities$/ }, (args) => (args.importer.includes(`${path.sep}markdown-it${path.sep}`) ? { path: path.join(__dirname, 'src', 'webview', 'lazyEntities.ts') } : undefined));
  },
};

// The host inlines the webview bundles into their page (one round trip less before the first paint). Inside an
// HTML <script> element `</script` would end it and `<!--` changes how it is parsed, so both are escaped where
// they occur (in strings and regular expressions, where `\/` and `\!` mean the same character); the result is
// parsed again to make sure it is still valid JavaScript.
const inlineSafe = {
  name: 'inline-safe',
  setup: (build) => {
    build.onEnd((result) => {
      for (const file of result.outputFiles ?? []) {
        let contents = file.contents;
        if (file.path.endsWith('.js')) {
          const text = file.text.replace(/<(\/script|\/style|!--)/gi, '<\\$1');
          esbuild.transformSync(text, { loader: 'js', logLevel: 'silent' });
          contents = Buffer.from(text);
        }
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        fs.writeFileSync(file.path, contents);
      }
    });
  },
};

const webviewEntries = ['panel', 'chat', 'markdownScript']
  .map((name) => path.join('src', 'webview', `${name}.ts`))
  .filter((file) => fs.existsSync(file));

const targets = [
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The VS Code host's services and engine, loaded by extension.js on first use (activation stays light).
  { ...nodeCommon, entryPoints: ['src/vscode/deferred.ts'], outfile: 'dist/vscodeHost.js', external: ['vscode'] },
  ...require('./build/cliTargets.js')(nodeCommon),
  ...webviewEntries.map((entry) => ({ ...common, entryPoints: [entry], outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022', write: false, plugins: [zodWithoutLocales, lazyEntities, inlineSafe],
    // The first-paint benchmark splits the page's time at the moment the bundle starts running.
    banner: { js: "performance.mark('autoAgent:scriptStart');" } })),
].filter((t) => t.entryPoints.every((e) => fs.existsSync(e)));

// Workers and WASM grammars are loaded from files at run time, so extra entries and assets are declared by the
// modules that need them in build/extraTargets.js (kept beside this file to avoid one giant config).
const extra = fs.existsSync(path.join(__dirname, 'build', 'extraTargets.js')) ? require('./build/extraTargets.js')(common) : [];

/** The codicon font and its stylesheet, with their licences, beside the webview scripts (a webview resource root). */
function copyCodicons() {
  const from = path.dirname(require.resolve('@vscode/codicons/package.json'));
  const to = path.join('dist', 'webview', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['dist/codicon.css', 'dist/codicon.ttf', 'LICENSE', 'LICENSE-CODE']) {
    fs.copyFileSync(path.join(from, file), path.join(to, path.basename(file)));
  }
}

async function main() {
  copyCodicons();
  const contexts = await Promise.all([...targets, ...extra].map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
