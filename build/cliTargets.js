// The CLI's bundles: dist/cli.js (the dispatcher: help text and argument check) and one bundle per command group,
// which cli.js requires when one of its commands runs (src/cli/main.ts). A warm `auto-agent map` then loads the
// index's code only, not the agent's (about 0.2 s of CPU for a 4.6 MB bundle).
const path = require('path');

const root = path.join(__dirname, '..');
const groups = { codebaseCommands: 'cliCodebase.js', agentCommands: 'cliAgent.js' };

// main.ts imports each group as `./<group>`; in the bundle that import is a require of the group's own bundle.
const splitGroups = {
  name: 'cli-command-groups',
  setup: (build) => build.onResolve({ filter: /^\.\/(codebaseCommands|agentCommands)$/ }, (args) =>
    (args.importer.endsWith(path.join('src', 'cli', 'main.ts')) ? { path: `./${groups[args.path.slice(2)]}`, external: true } : undefined)),
};

/** `nodeCommon`: the Node bundle options of esbuild.js (CommonJS, import.meta.url banner). */
module.exports = (nodeCommon, outdir = 'dist', plugins = []) => [
  { ...nodeCommon, entryPoints: [path.join(root, 'src', 'cli', 'main.ts')], outfile: path.join(outdir, 'cli.js'), plugins: [...plugins, splitGroups],
    banner: { js: `#!/usr/bin/env node\n${nodeCommon.banner?.js ?? ''}` } },
  ...Object.entries(groups).map(([group, file]) => ({ ...nodeCommon, entryPoints: [path.join(root, 'src', 'cli', `${group}.ts`)], outfile: path.join(outdir, file), plugins })),
];
