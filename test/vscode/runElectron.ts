/**
 * The same in-host suites under @vscode/test-electron, for machines that can download VS Code (this one cannot:
 * it runs them in code-server through test/vscode/run.ts). First `npm run build` and
 * `AUTO_AGENT_VSCODE_ONLY=none npm run test:vscode` (bundles the suites only), then `npx tsx test/vscode/runElectron.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer';
import { makeWorkspace, outDir } from './inHost';
import { untrustedWorkspaceSettings } from './run';

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(outDir, 'index.js'))) throw new Error('Bundle the suites first: AUTO_AGENT_VSCODE_ONLY=none npm run test:vscode');
  let failures = 0;
  for (const isTrusted of [true, false]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-agent-electron-'));
    const workspace = makeWorkspace(dir, isTrusted ? undefined : untrustedWorkspaceSettings);
    try {
      await runTests({
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(outDir, 'index.js'),
        launchArgs: [workspace, '--disable-extensions', ...(isTrusted ? ['--disable-workspace-trust'] : [])],
        extensionTestsEnv: { OPENAI_API_KEY: 'sk-test-key-for-redaction-0123456789' },
      });
    } catch {
      failures++;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exitCode = failures ? 1 : 0;
}

void main();
