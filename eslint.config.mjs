// Lint keeps the layer arrows of docs/ARCHITECTURE.md: core and protocol run in plain Node without
// VS Code or their own I/O, the webview is browser code that only knows the protocol.
import tseslint from 'typescript-eslint';

const nodeIo = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'dgram', 'worker_threads', 'readline', 'tty', 'cluster']
  .flatMap((m) => [m, `node:${m}`]);

const restrict = (names, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.tools/**', 'media/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 4],
    },
  },
  {
    // A mocha describe() is a list of tests, not a function to keep short.
    files: ['test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      ...restrict(['vscode', ...nodeIo], ['**/node/**', '**/vscode/**', '**/cli/**', '**/webview/**', '**/extension'],
        'src/core is host-free: no vscode, no Node I/O, no host folders. Go through a host interface (src/core/host.ts).'),
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict(['vscode', ...nodeIo], ['**/core/**', '**/node/**', '**/vscode/**', '**/cli/**', '**/webview/**'],
      'src/protocol holds only zod schemas and their types.'),
  },
  {
    files: ['src/node/**/*.ts'],
    rules: restrict(['vscode'], ['**/vscode/**', '**/cli/**', '**/webview/**', '**/extension'],
      'src/node implements core interfaces for Node; it knows neither host.'),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict(['vscode'], ['**/vscode/**', '**/webview/**', '**/extension'], 'The CLI host never loads VS Code.'),
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: restrict([], ['**/cli/**', '**/webview/**'], 'The VS Code host talks to the webview through src/protocol only.'),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict(['vscode', ...nodeIo, 'path', 'node:path', 'os', 'node:os'], ['**/core/**', '**/node/**', '**/vscode/**', '**/cli/**', '**/extension'],
      'The webview is browser code: it imports src/protocol only.'),
  },
);
