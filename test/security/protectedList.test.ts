/**
 * SECURITY-CASES.md, "Config that steers other agents or runs code on open": one maintained list
 * (src/core/policy/protectedList.ts) covers hook managers, every CI provider, dev containers, direnv, and the
 * rules and configs of every agent and MCP configs anywhere. Each entry's example is created through the tool
 * with edits on auto: it must ask, and nothing is written when the user says no.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { createFileTool } from '../../src/core/tools/createFile';
import { ProtectedPaths } from '../../src/core/policy/protectedFiles';
import { protectedEntries } from '../../src/core/policy/protectedList';
import { makeTempDir } from '../support/testHost';
import { secureContext } from './securityContext';

const reject = { isApproved: false as const, reason: 'not now' };
const autoEdits = { policy: { read: 'auto' as const, edit: 'auto' as const, execute: 'ask' as const, network: 'ask' as const } };

/** Spellings the issue names, each of which must be protected by some entry. */
const namedSpellings = [
  '.devcontainer.json', '.devcontainer/devcontainer.json', 'lefthook.yml', 'lefthook.yaml', '.lefthook.yml', 'lefthook-local.yml', 'lefthook.json', 'lefthook.toml',
  '.husky/pre-commit', '.huskyrc', '.huskyrc.js', 'husky.config.js', '.pre-commit-config.yaml', '.pre-commit-config.yml', '.lintstagedrc', '.lintstagedrc.json',
  '.lintstagedrc.yaml', 'lint-staged.config.js', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'bitbucket-pipelines.yml', 'azure-pipelines.yml', '.circleci/config.yml',
  '.travis.yml', '.drone.yml', '.buildkite/pipeline.yml', 'Jenkinsfile', '.woodpecker.yml', '.woodpecker/test.yaml', '.envrc', 'AGENTS.md', 'CLAUDE.md', 'CLAUDE.local.md',
  'GEMINI.md', '.github/copilot-instructions.md', '.github/instructions/a.instructions.md', '.cursor/rules/x.mdc', '.cursorrules', '.windsurf/rules/x.md', '.clinerules',
  '.clinerules/x.md', '.roo/rules/x.md', '.kilocode/rules/x.md', 'opencode.json', '.aider.conf.yml', '.continue/config.json', '.mcp.json', 'deep/down/.mcp.json',
  'packages/web/mcp.json', '.vscode/mcp.json', '.cursor/mcp.json', '.gitmodules', 'mirror.git/HEAD',
];

describe('security: Config that steers other agents or runs code on open', () => {
  let ws: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());

  for (const entry of protectedEntries) {
    it(`Writes: protected list — ${entry.glob} (${entry.why}) — creating ${entry.example} asks with edits on auto`, async () => {
      assert.ok(picomatch.isMatch(entry.example.toLowerCase(), entry.glob.toLowerCase(), { dot: true }), `the example ${entry.example} does not match its own glob`);
      const { ctx, approvals } = await secureContext({ root: ws.dir, settings: autoEdits, fallback: reject });
      const result = await createFileTool.run({ path: entry.example, content: 'x\n', overwrite: false }, ctx);
      assert.equal(result.isError, true, result.output);
      assert.match(approvals.requests[0]?.reasons.join(' ') ?? '', /protected/);
      assert.equal(existsSync(path.join(ws.dir, entry.example)), false);
    });
  }

  it('Writes: protected list — every spelling the issue names is protected', () => {
    const paths = new ProtectedPaths();
    assert.deepEqual(namedSpellings.filter((p) => !paths.matches(p)), []);
  });

  it('Writes: protected list — ordinary project files are not protected (the list is not a blanket ask)', () => {
    const paths = new ProtectedPaths();
    const ordinary = ['src/index.ts', 'README.md', 'docs/agent-notes.md', 'lib/config.js', 'test/ci.test.ts', 'src/mcp/server.ts', 'Makefile', 'tsconfig.json', 'src/git/status.ts'];
    assert.deepEqual(ordinary.filter((p) => paths.matches(p)), []);
  });
});
