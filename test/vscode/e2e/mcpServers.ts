/**
 * MCP servers from a workspace's `.vscode/mcp.json`, in code-server with the packaged VSIX, driven by Chromium:
 * in a trusted workspace "Auto Agent: MCP Servers" lists the server as not started, picking it shows a modal with
 * its exact command line, and only after "Start Server" does the process start (it writes a marker file) and its
 * tools appear; a changed command line asks again. In Restricted Mode the server is listed as never starting, and
 * no process starts. Screenshots go to test-results/screenshots/mcp-*.png.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { createProfile, launchBrowser, openWorkbench, repoRoot, sleep, startCodeServer } from '../codeServer';
import type { EndToEndOptions } from './endToEnd';
import { runCommand, screenshotDir, waitForFile } from './workbench';

const everything = path.join(repoRoot, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
const baseSettings = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.secondarySideBar.defaultVisibility': 'hidden' };

/** A workspace whose `.vscode/mcp.json` runs a script that writes `mcp-started.txt`, then becomes server-everything. */
function mcpWorkspace(options: EndToEndOptions, dir: string): { workspace: string; marker: string; config: string } {
  const workspace = options.makeWorkspace(dir);
  const marker = path.join(workspace, 'mcp-started.txt');
  fs.mkdirSync(path.join(workspace, 'tools'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'tools', 'mcp-server.mjs'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, String(process.pid));\nawait import(${JSON.stringify(`file://${everything}`)});\n`);
  const config = path.join(workspace, '.vscode', 'mcp.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(config, JSON.stringify({ servers: { everything: { type: 'stdio', command: process.execPath, args: ['${workspaceFolder}/tools/mcp-server.mjs'] } } }, null, 2));
  return { workspace, marker, config };
}

async function withCodeServer(options: EndToEndOptions, isTrusted: boolean, run: (page: Page, ws: ReturnType<typeof mcpWorkspace>) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `auto-agent-mcp-${isTrusted ? 'trusted' : 'restricted'}-`));
  const ws = mcpWorkspace(options, dir);
  const trust = isTrusted ? { 'security.workspace.trust.enabled': false } : { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' };
  // The user's own servers: one in VS Code's "mcp" setting, one in the profile's mcp.json beside settings.json.
  const userServer = (name: string): object => ({ servers: { [name]: { type: 'stdio', command: process.execPath, args: [`${name}.js`] } } });
  const browser = await launchBrowser();
  const profile = createProfile(dir, { ...baseSettings, ...trust, mcp: userServer('fromsetting') }, [options.vsix]);
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'mcp.json'), JSON.stringify(userServer('fromusermcp')));
  const codeServer = await startCodeServer(profile, ws.workspace, { AUTO_AGENT_CONFIG_DIR: path.join(dir, 'config') }).catch(async (err: unknown) => {
    await browser.close();
    throw err;
  });
  const title = isTrusted
    ? 'MCP: a trusted workspace\'s .vscode/mcp.json server starts only after the modal showing its exact command line is approved; a changed line asks again'
    : 'MCP: in Restricted Mode the workspace\'s server is listed as never starting, and no process starts';
  let page: Page | undefined;
  try {
    page = await openWorkbench(browser, codeServer, ws.workspace);
    await run(page, ws);
    options.tally.passed++;
    options.tally.lines.push(`  ✓ ${title}`);
  } catch (err) {
    options.tally.failed++;
    const shot = path.join(screenshotDir, `failed-mcp-${isTrusted ? 'trusted' : 'restricted'}.png`);
    await page?.screenshot({ path: shot }).catch(() => undefined);
    options.tally.lines.push(`  ✗ ${title}\n      ${(err as Error).stack?.split('\n').join('\n      ')}\n      screenshot: ${shot}`);
  } finally {
    await browser.close();
    await codeServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The quick-pick row of the server, once it shows `state`. */
async function serverRow(page: Page, state: RegExp): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'everything' }).filter({ hasText: state }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

const dialog = (page: Page) => page.locator('.monaco-dialog-box');

async function trustedScenario(page: Page, { marker, config }: ReturnType<typeof mcpWorkspace>): Promise<void> {
  await runCommand(page, 'Auto Agent: MCP Servers');
  await serverRow(page, /workspace · not started \(asks you to approve its command line first\)/);
  for (const name of ['fromsetting', 'fromusermcp']) {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ hasText: /user · not started \(starts on first use\)/ }).first().waitFor({ state: 'visible' });
  }
  await page.screenshot({ path: path.join(screenshotDir, 'mcp-servers-trusted.png') });
  await page.keyboard.press('Enter');
  await dialog(page).waitFor({ state: 'visible', timeout: 30_000 });
  const text = await dialog(page).innerText();
  if (!text.includes('Start the MCP server "everything"') || !text.includes(`${process.execPath} "\${workspaceFolder}/tools/mcp-server.mjs"`)) throw new Error(`The approval does not show the command line:\n${text}`);
  await sleep(1_000);
  if (fs.existsSync(marker)) throw new Error('The server started before the user approved its command line');
  await page.screenshot({ path: path.join(screenshotDir, 'mcp-launch-approval.png') });
  await dialog(page).locator('.monaco-button', { hasText: 'Start Server' }).click();
  await waitForFile(marker, /^\d+$/, 30_000);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'echo' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.quick-input-title', { hasText: /MCP server "everything" — running, \d+ tools/ }).waitFor({ state: 'visible' });
  await page.screenshot({ path: path.join(screenshotDir, 'mcp-tools.png') });
  await page.keyboard.press('Escape');
  // A changed command line (an added variable) is a new approval.
  fs.writeFileSync(config, JSON.stringify({ servers: { everything: { type: 'stdio', command: process.execPath, args: ['${workspaceFolder}/tools/mcp-server.mjs'], env: { EXTRA: '1' } } } }));
  await runCommand(page, 'Auto Agent: MCP Servers');
  await serverRow(page, /not started/);
  await page.keyboard.press('Enter');
  await dialog(page).filter({ hasText: 'EXTRA="1"' }).waitFor({ state: 'visible', timeout: 30_000 });
  await dialog(page).locator('.monaco-button', { hasText: 'Cancel' }).click();
}

async function restrictedScenario(page: Page, { marker }: ReturnType<typeof mcpWorkspace>): Promise<void> {
  await runCommand(page, 'Auto Agent: MCP Servers');
  await serverRow(page, /not started — Restricted Mode: servers configured by this workspace never start/);
  await page.screenshot({ path: path.join(screenshotDir, 'mcp-servers-restricted.png') });
  await page.keyboard.press('Enter');
  await page.locator('.notifications-toasts', { hasText: 'comes from this workspace. Restricted Mode' }).waitFor({ state: 'visible', timeout: 30_000 });
  await sleep(2_000);
  if (await dialog(page).count()) throw new Error('A launch approval was shown in Restricted Mode');
  if (fs.existsSync(marker)) throw new Error('The workspace server started in Restricted Mode');
  await page.screenshot({ path: path.join(screenshotDir, 'mcp-restricted-refused.png') });
}

/** Both runs, each in its own code-server (trust is a property of the window). */
export async function runMcpEndToEnd(options: EndToEndOptions): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  options.tally.lines.push('MCP servers (code-server + Chromium, packaged VSIX):');
  await withCodeServer(options, true, trustedScenario);
  await withCodeServer(options, false, restrictedScenario);
}
