/**
 * End to end in code-server with the packaged VSIX, driven by Chromium like a user: the palette starts the
 * agent, a goal is typed in the panel, the plan and the proposed diff appear, Accept changes the file on disk;
 * the sidebar chat answers and its file:line link opens the editor at that line. Screenshots go to
 * test-results/screenshots/. Everything started here is stopped here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startScriptedServer, type RecordedRequest, type ScriptStep, type ScriptedServer } from '../../support/scriptedServer';
import { createProfile, launchBrowser, openWorkbench, repoRoot, sleep, startCodeServer } from '../codeServer';

export interface EndToEndOptions {
  vsix: string;
  tally: { passed: number; failed: number; lines: string[] };
  makeWorkspace(root: string): string;
}

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

interface Scenario {
  title: string;
  run(page: Page, ctx: { server: ScriptedServer; workspace: string }): Promise<void>;
}

export async function runEndToEnd(options: EndToEndOptions): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-agent-e2e-'));
  const workspace = options.makeWorkspace(dir);
  // The browser first: if it cannot start, nothing else has been started that would be left running.
  const browser = await launchBrowser();
  const server = await startScriptedServer();
  const profile = createProfile(dir, {
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'autoAgent.baseUrl': server.url, 'autoAgent.model': 'test-model', 'autoAgent.budget.maxSteps': 10,
    'autoAgent.approval.execute': 'sandboxed',
  }, [options.vsix]);
  const codeServer = await startCodeServer(profile, workspace, { OPENAI_API_KEY: 'sk-e2e-test-key-0123456789abcdef', AUTO_AGENT_CONFIG_DIR: path.join(dir, 'config') }).catch(async (err: unknown) => {
    await Promise.all([browser.close(), server.close()]);
    throw err;
  });
  options.tally.lines.push('end to end (code-server + Chromium, packaged VSIX):');
  try {
    const page = await openWorkbench(browser, codeServer, workspace);
    // AUTO_AGENT_E2E_ONLY=<part of a title> runs only the scenarios whose title holds it.
    const only = process.env.AUTO_AGENT_E2E_ONLY;
    for (const scenario of [agentScenario, memoryScenario, chatScenario, sandboxScenario, subagentScenario].filter((s) => !only || s.title.includes(only))) {
      try {
        await scenario.run(page, { server, workspace });
        options.tally.passed++;
        options.tally.lines.push(`  ✓ ${scenario.title}`);
      } catch (err) {
        options.tally.failed++;
        const shot = path.join(screenshotDir, `failed-${scenario.title.replace(/\W+/g, '-')}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        options.tally.lines.push(`  ✗ ${scenario.title}\n      ${(err as Error).stack?.split('\n').join('\n      ')}\n      screenshot: ${shot}`);
      }
    }
  } finally {
    await browser.close();
    await codeServer.stop();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The webview frame whose document body has `bodyClass` (webviews are nested iframes). */
async function webviewFrame(page: Page, bodyClass: 'panel' | 'chat', timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator(`body.${bodyClass}`).count().catch(() => 0)) return frame;
    }
    await sleep(200);
  }
  throw new Error(`No ${bodyClass} webview appeared within ${timeoutMs / 1000} s`);
}

/** Runs a command from the palette like a user. Retries while the workbench is still registering extensions. */
/** Waits for `selector` in the webview, finding the frame again if a reload detaches the one it had. */
async function waitInWebview(page: Page, bodyClass: 'panel' | 'chat', selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await webviewFrame(page, bodyClass, Math.max(1000, deadline - Date.now()));
    try {
      await frame.locator(selector).first().waitFor({ state: 'visible', timeout: 2_000 });
      return frame;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>');
    await input.pressSequentially(title, { delay: 10 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 6) throw err;
      await sleep(2_000);
    }
  }
}

async function waitForFile(file: string, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && pattern.test(fs.readFileSync(file, 'utf8'))) return;
    await sleep(100);
  }
  throw new Error(`${file} never matched ${pattern}; it holds:\n${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)'}`);
}

const agentScenario: Scenario = {
  title: 'palette → Start Agent → goal → plan and proposed diff in the panel → Accept → file changed on disk; the panel restores after being hidden',
  async run(page, { server, workspace }) {
    const file = path.join(workspace, 'src', 'math.js');
    server.enqueue(
      { reasoning: 'The goal names add(); the operator is the likely bug.', text: 'I will fix `add()` in src/math.js:2, which subtracts.', toolCalls: [{ name: 'update_plan', arguments: { steps: [
        { text: 'Find the bug in add()', status: 'done' }, { text: 'Fix the operator', status: 'in_progress' }, { text: 'Summarize the change', status: 'pending' },
      ] } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: '  return a - b;', replace: '  return a + b;' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Fixed `add()` in src/math.js:2: it now returns `a + b`.' } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await webviewFrame(page, 'panel');
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible' });
    await goal.fill('Fix add() in src/math.js: it subtracts instead of adding.');
    await panel.locator('[data-testid="start"]').click();
    await panel.locator('[data-testid="plan"]').getByText('Fix the operator').waitFor({ state: 'visible', timeout: 30_000 });
    await panel.locator('.item.thinking', { hasText: 'Thinking' }).first().waitFor({ state: 'visible' });
    const card = panel.locator('.review .card');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('.line.add', { hasText: 'return a + b;' }).waitFor({ state: 'visible' });
    if (!/return a - b;/.test(fs.readFileSync(file, 'utf8'))) throw new Error('The file changed before Accept');
    await page.screenshot({ path: path.join(screenshotDir, 'panel-review.png') });
    await card.locator('[data-testid="accept"]').click();
    await waitForFile(file, /return a \+ b;/);
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-finished.png') });
    // Hide the panel behind another editor, then bring it back: the webview reloads and restores the task.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'README.md' }).waitFor({ state: 'visible' });
    await page.locator('.tabs-container .tab', { hasText: 'Auto Agent' }).click();
    const restored = await waitInWebview(page, 'panel', '[data-testid="task-finished"]');
    await restored.locator('[data-testid="plan"]').getByText('Fix the operator').waitFor({ state: 'visible' });
  },
};

/** The Memory view: a note saved with remember (accepted in the panel) is listed by "Show Memory". */
const memoryScenario: Scenario = {
  title: 'a task saves a note with remember → Accept in the panel → Markdown file on disk → "Show Memory" lists it in the Memory view',
  async run(page, { server, workspace }) {
    server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Note how the tests run', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'remember', arguments: { title: 'Run the math tests with node --test', content: 'The tests are plain node:test files: `node --test test/`.' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Saved a note on how the tests run.' } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await webviewFrame(page, 'panel');
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible', timeout: 30_000 });
    await goal.fill('Find out how the tests run and remember it.');
    await panel.locator('[data-testid="start"]').click();
    const card = panel.locator('.review .card', { hasText: 'node --test test/' });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('[data-testid="accept"]').click();
    await waitForFile(path.join(workspace, '.auto-agent/memory/run-the-math-tests-with-node-test.md'), /^---\ntitle: Run the math tests with node --test\n[\s\S]*node --test test\//);
    await runCommand(page, 'Auto Agent: Show Memory');
    const row = page.locator('.monaco-list-row', { hasText: 'Run the math tests with node --test' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.monaco-list-row', { hasText: 'This workspace' }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(screenshotDir, 'memory-view.png') });
    await row.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="run-the-math-tests-with-node-test.md"]').first().waitFor({ state: 'visible', timeout: 15_000 });
  },
};

const chatScenario: Scenario = {
  title: 'sidebar chat → question → answer with a file:line link → click → editor opened at that line',
  async run(page, { server }) {
    server.enqueue({ text: 'The sum is computed in `add()` at src/math.js:2 — it returns `a + b`.' });
    await runCommand(page, 'Auto Agent: Open Chat');
    const chat = await webviewFrame(page, 'chat');
    const input = chat.locator('[data-testid="chat-input"]');
    await input.waitFor({ state: 'visible' });
    await input.fill('Where is the sum computed?');
    await chat.locator('[data-testid="chat-send"]').click();
    const link = chat.locator('.turn.assistant a.file-link', { hasText: 'src/math.js:2' });
    await link.waitFor({ state: 'visible', timeout: 30_000 });
    await page.mouse.move(700, 880);
    await page.screenshot({ path: path.join(screenshotDir, 'chat.png') });
    await link.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="math.js"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: /Ln 2, Col 1/ }).waitFor({ state: 'visible', timeout: 15_000 });
  },
};

const sandboxScenario: Scenario = {
  title: 'the panel shows the sandbox state; a command the sandbox blocked (a git hook write) is named, and its re-run outside the sandbox is an explicit approval',
  async run(page, { server, workspace }) {
    const hook = path.join(workspace, '.git', 'hooks', 'post-checkout');
    fs.mkdirSync(path.dirname(hook), { recursive: true });
    fs.mkdirSync(path.join(workspace, 'tools'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'tools', 'setup.js'), `require('fs').writeFileSync(${JSON.stringify(hook)}, '#!/bin/sh\\necho planted\\n');\n`);
    server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: { command: 'node tools/setup.js' } }] },
      { text: 'The sandbox blocked the hook write; I ask to run it outside.', toolCalls: [{ name: 'run_command', arguments: { command: 'node tools/setup.js', outsideSandbox: true } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Ran the setup script outside the sandbox, with approval.' } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await waitInWebview(page, 'panel', '[data-testid="sandbox-status"]');
    const line = await panel.locator('[data-testid="sandbox-status"]').innerText();
    if (!/Sandbox: on \(bubblewrap/.test(line)) throw new Error(`The sandbox line says: ${line}`);
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible' });
    await goal.fill('Run the setup script.');
    await panel.locator('[data-testid="start"]').click();
    const card = panel.locator('.review .card', { hasText: 'Run outside the sandbox: node tools/setup.js' });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    if (fs.existsSync(hook)) throw new Error('The sandboxed run wrote the git hook');
    const reasons = await card.locator('.reasons').innerText();
    if (!/OUTSIDE the sandbox/.test(reasons)) throw new Error(`The re-run card's reasons: ${reasons}`);
    const detail = await card.locator('.detail').innerText();
    if (!detail.includes(`writing ${hook}`)) throw new Error(`The re-run card does not show what was blocked: ${detail}`);
    await card.locator('.actions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'panel-sandbox.png') });
    await card.locator('[data-testid="accept"]').click();
    await waitForFile(hook, /planted/);
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
  },
};

/** Which agent of the sub-agent scenario sent a request: the CHILD-x marker of its goal, or the parent ('P'). */
function scenarioAgent(request: RecordedRequest): string {
  for (const m of request.body.messages ?? []) {
    const found = m.role === 'user' && typeof m.content === 'string' ? /CHILD-(\w)/.exec(m.content) : null;
    if (found) return found[1];
  }
  return 'P';
}

const subagentScenario: Scenario = {
  title: 'a task with sub-agents: two parallel children (one the user defined) in nested lanes, live; an act child\'s edit card says which child asks',
  async run(page, { server, workspace }) {
    fs.mkdirSync(path.join(workspace, '.auto-agent', 'agents'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.auto-agent', 'agents', 'scout.md'), '---\nname: scout\ndescription: Lists what a folder holds\ntools: [read]\n---\nList first, then answer in one line.\n');
    const plan = (...texts: string[]) => ({ name: 'update_plan', arguments: { steps: texts.map((text, i) => ({ text, status: i === 0 ? 'done' : 'in_progress' })) } });
    const delegate = (goal: string, kind: string) => ({ name: 'delegate', arguments: { goal, context: 'The project is in the workspace root.', kind } });
    const scripts: Record<string, ScriptStep[]> = {
      P: [
        { text: 'Two explorers first, in parallel.', toolCalls: [delegate('CHILD-A: find where add() is defined', 'explore'), delegate('CHILD-B: list what src/ holds', 'scout')] },
        // Its own slice: half of what is left would be a single step here (the explorers used most of the 10).
        { toolCalls: [{ ...delegate('CHILD-C: write NOTES.md saying where add() lives', 'act'), arguments: { ...delegate('CHILD-C: write NOTES.md saying where add() lives', 'act').arguments, budget: { maxSteps: 3 } } }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'add() is in src/math.js; NOTES.md says so.' } }] },
      ],
      A: [
        { toolCalls: [plan('Search for add', 'Read the file')] },
        { toolCalls: [{ name: 'search_text', arguments: { pattern: 'function add' } }], delayMs: 2500 },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'add() is defined in src/math.js:1.' } }] },
      ],
      B: [
        { toolCalls: [{ name: 'list_files', arguments: { path: 'src' } }], delayMs: 1500 },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'src/ holds math.js.' } }] },
      ],
      C: [
        { toolCalls: [{ name: 'create_file', arguments: { path: 'NOTES.md', content: '# Notes\n\nadd() lives in src/math.js.\n' } }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'Wrote NOTES.md.' } }] },
      ],
    };
    server.setFallback((request) => {
      const agent = scenarioAgent(request);
      const turn = (request.body.messages ?? []).filter((m) => m.role === 'assistant').length;
      return scripts[agent]?.[turn] ?? { fail: { status: 500, message: `no step ${turn} for ${agent}` } };
    });
    try {
      await runCommand(page, 'Auto Agent: Start Agent');
      const panel = await waitInWebview(page, 'panel', '[data-testid="goal-input"]', 30_000);
      await panel.locator('[data-testid="goal-input"]').first().fill('Find where add() is defined, using sub-agents, and write it down in NOTES.md.');
      await panel.locator('[data-testid="start"]').click();
      const laneA = panel.locator('[data-testid="lane"][data-agent="sub-1"]');
      const laneB = panel.locator('[data-testid="lane"][data-agent="sub-2"]');
      // Live: both lanes are there while the first child still works, with its own plan.
      await laneA.locator('.plan-step', { hasText: 'Read the file' }).waitFor({ state: 'visible', timeout: 30_000 });
      await laneB.waitFor({ state: 'visible' });
      if (!(await laneA.locator(':scope > summary > .codicon-loading').count())) throw new Error('The first lane does not show it is running');
      await page.screenshot({ path: path.join(screenshotDir, 'panel-subagents-running.png') });
      const card = panel.locator('.review .card', { hasText: 'NOTES.md' });
      await card.waitFor({ state: 'visible', timeout: 30_000 });
      const asker = await card.locator('[data-testid="asker"]').innerText();
      if (!/Sub-agent sub-3 asks/.test(asker)) throw new Error(`The card says: ${asker}`);
      await page.screenshot({ path: path.join(screenshotDir, 'panel-subagent-approval.png') });
      await card.locator('[data-testid="accept"]').click();
      await waitForFile(path.join(workspace, 'NOTES.md'), /src\/math\.js/);
      await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
      if (await panel.locator('[data-testid="lane"] [data-testid="task-finished"]').count()) throw new Error('A lane\'s finish looks like the task\'s');
      await laneA.locator('[data-testid="lane-finished"]').waitFor({ state: 'visible' });
      const reportC = await panel.locator('[data-testid="lane"][data-agent="sub-3"] [data-testid="lane-report"]').innerText();
      if (!/ended: completed[\s\S]*Files changed: NOTES\.md/.test(reportC)) throw new Error(`Lane sub-3's report: ${reportC}`);
      const reportA = await laneA.locator('[data-testid="lane-report"]').innerText();
      if (!/add\(\) is defined in src\/math\.js:1/.test(reportA)) throw new Error(`Lane sub-1's report: ${reportA}`);
      if (!/scout/.test(await laneB.locator(':scope > summary').innerText())) throw new Error('Lane sub-2 does not name the user-defined agent');
      const usage = await laneA.locator('[data-testid="lane-usage"]').innerText();
      if (!/\d+ \/ \d+ steps · \d+ tokens/.test(usage)) throw new Error(`Lane sub-1's budget use: ${usage}`);
      await laneA.locator(':scope > summary').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshotDir, 'panel-subagents.png') });
      // Collapsible: folding a lane hides its steps and keeps it folded while the panel updates.
      await laneB.locator(':scope > summary').click();
      await laneB.locator(':scope > .lane-list').waitFor({ state: 'hidden' });
      await page.screenshot({ path: path.join(screenshotDir, 'panel-subagents-folded.png') });
    } finally {
      server.setFallback(undefined);
    }
  },
};
