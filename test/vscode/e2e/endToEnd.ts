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
import { startScriptedServer, type RecordedRequest, type ScriptStep } from '../../support/scriptedServer';
import { createProfile, launchBrowser, openWorkbench, startCodeServer } from '../codeServer';
import { lifecycleScenarios } from './taskLifecycle';
import { panelScenarios } from './panelScenarios';
import { runCommand, screenshotDir, waitForFile, waitInWebview, webviewFrame, type Scenario } from './workbench';

export { screenshotDir } from './workbench';

export interface EndToEndOptions {
  vsix: string;
  /** The test extension with a scripted chat model (VS Code's Language Model API). */
  lmVsix: string;
  tally: { passed: number; failed: number; lines: string[] };
  makeWorkspace(root: string): string;
}


/**
 * Each group runs in a code-server of its own (a fresh profile, workspace and scripted model): a group's
 * scenarios build on each other, but one group's editors, dialogs and settings (the VS Code model scenario
 * switches the provider; the panel scenarios end on a task opened from history) must not leak into the next.
 */
export async function runEndToEnd(options: EndToEndOptions): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  options.tally.lines.push('end to end (code-server + Chromium, packaged VSIX):');
  // AUTO_AGENT_E2E_ONLY=PATTERN (or AUTO_AGENT_VSCODE_GREP) runs only the scenarios whose title matches.
  const pattern = process.env.AUTO_AGENT_E2E_ONLY ?? process.env.AUTO_AGENT_VSCODE_GREP;
  const only = pattern ? new RegExp(pattern, 'i') : undefined;
  const groups = [
    [agentScenario, memoryScenario, contextScenario, chatScenario, sandboxScenario],
    lifecycleScenarios, [subagentScenario], panelScenarios, [vscodeModelScenario],
  ];
  for (const group of groups) {
    const scenarios = group.filter((s) => !only || only.test(s.title));
    if (scenarios.length > 0) await runGroup(options, scenarios);
  }
}

async function runGroup(options: EndToEndOptions, scenarios: Scenario[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-agent-e2e-'));
  const workspace = options.makeWorkspace(dir);
  // The browser first: if it cannot start, nothing else has been started that would be left running.
  const browser = await launchBrowser();
  const server = await startScriptedServer();
  const profile = createProfile(dir, {
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'autoAgent.baseUrl': server.url, 'autoAgent.model': 'test-model', 'autoAgent.budget.maxSteps': 10,
    'autoAgent.approval.execute': 'sandboxed',
  }, [options.vsix, options.lmVsix]);
  // The remote's machine settings file exists, as on a remote that has been used: code-server watches it from the
  // start, and a scenario edits it the way "Preferences: Open Remote Settings" would.
  const machineSettings = path.join(profile.userDataDir, 'Machine', 'settings.json');
  fs.mkdirSync(path.dirname(machineSettings), { recursive: true });
  if (!fs.existsSync(machineSettings)) fs.writeFileSync(machineSettings, '{}\n');
  const codeServer = await startCodeServer(profile, workspace, {
    OPENAI_API_KEY: 'sk-e2e-test-key-0123456789abcdef', AUTO_AGENT_CONFIG_DIR: path.join(dir, 'config'),
    AUTO_AGENT_LM_SCRIPT: path.join(dir, 'lm-script.json'), AUTO_AGENT_LM_LOG: path.join(dir, 'lm-log.jsonl'),
  }).catch(async (err: unknown) => {
    await Promise.all([browser.close(), server.close()]);
    throw err;
  });
  try {
    const page = await openWorkbench(browser, codeServer, workspace);
    for (const scenario of scenarios) {
      try {
        await scenario.run(page, { server, workspace, userDataDir: profile.userDataDir, dir });
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

/**
 * The panel's context line for the next task: "Rules" names the workspace's AGENTS.md and the user's own file,
 * "Recalled" the note the memory scenario saved; each chip opens its file.
 */
const contextScenario: Scenario = {
  title: 'the next task: the "Rules" line names AGENTS.md and the user\'s file, a "recalled" chip the saved note; clicking each opens it',
  async run(page, { server, workspace }) {
    fs.writeFileSync(path.join(workspace, 'AGENTS.md'), '# Rules\n\nRun the tests with `node --test test/` before finishing.\n');
    // AUTO_AGENT_CONFIG_DIR is the workspace's sibling `config` (runEndToEnd); the user's instructions file lives there.
    const userFile = path.join(path.dirname(workspace), 'config', 'AGENTS.md');
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, 'Answer in British English.\n');
    server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Run the math tests', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to change.' } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await webviewFrame(page, 'panel');
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible', timeout: 30_000 });
    await goal.fill('Run the math tests and say whether they pass.');
    await panel.locator('[data-testid="start"]').click();
    const rules = panel.locator('[data-testid="rules"]');
    await rules.locator('a.chip', { hasText: /^AGENTS\.md$/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const userChip = rules.locator('a.chip', { hasText: 'config/AGENTS.md' });
    await userChip.waitFor({ state: 'visible' });
    const chip = panel.locator('[data-testid="recalled"] a.chip.recalled', { hasText: 'Run the math tests with node --test' });
    await chip.waitFor({ state: 'visible' });
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-context.png') });
    await rules.locator('a.chip', { hasText: /^AGENTS\.md$/ }).click();
    await page.locator('.tabs-container .tab.active[data-resource-name="AGENTS.md"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await chip.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="run-the-math-tests-with-node-test.md"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await userChip.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="AGENTS.md"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    const agentsTabs = await page.locator('.tabs-container .tab[data-resource-name="AGENTS.md"]').count();
    if (agentsTabs !== 2) throw new Error(`Expected the workspace's and the user's AGENTS.md open in two tabs, found ${agentsTabs}`);
    // The pointer is still on the chip it clicked: its text must stay readable (not the link colour on the badge).
    const colours = await userChip.evaluate((el) => { const style = getComputedStyle(el); return [style.color, style.backgroundColor]; });
    const ratio = contrast(colours[0], colours[1]);
    if (ratio < 3) throw new Error(`The hovered chip's text is unreadable: ${colours[0]} on ${colours[1]} (contrast ${ratio.toFixed(2)})`);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-context-opened.png') });
  },
};

/** The WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const chatScenario: Scenario = {
  title: 'sidebar chat → question → answer with a file:line link → click → editor opened at that line',
  async run(page, { server }) {
    server.enqueue({ text: 'The sum is computed in `add()` at src/math.js:2 — it returns `a + b`.' });
    await runCommand(page, 'Auto Agent: Open Chat');
    const chat = await askInChat(page, 'Where is the sum computed?');
    const link = chat.locator('.turn.assistant a.file-link', { hasText: 'src/math.js:2' });
    await link.waitFor({ state: 'visible', timeout: 30_000 });
    await page.mouse.move(700, 880);
    await page.screenshot({ path: path.join(screenshotDir, 'chat.png') });
    await link.click();
    await page.locator('.tabs-container .tab.active[data-resource-name="math.js"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: /Ln 2, Col 1/ }).waitFor({ state: 'visible', timeout: 15_000 });
  },
};

/**
 * Types a question in the chat and sends it. Opening the view can replace its webview a moment after it first
 * appears (a frame found too early then takes the question with it): until the question shows as the user's
 * turn, the frame is found again and the question typed again.
 */
async function askInChat(page: Page, question: string): Promise<Frame> {
  for (let attempt = 1; ; attempt++) {
    const chat = await waitInWebview(page, 'chat', '[data-testid="chat-input"]');
    await chat.locator('[data-testid="chat-input"]').fill(question);
    await chat.locator('[data-testid="chat-send"]').click();
    const isShown = await chat.locator('.turn.user', { hasText: question }).first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (isShown) return chat;
    if (attempt >= 3) throw new Error(`The chat never showed the question "${question}" after ${attempt} tries`);
  }
}

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

/** The Language Model API: the picker lists the scripted model of the test extension; a task runs on it. */
const vscodeModelScenario: Scenario = {
  title: 'Select Model lists VS Code\'s chat models → pick the scripted one → a task runs on it through the Language Model API → Accept → file on disk',
  async run(page, { workspace, dir }) {
    await runCommand(page, 'Auto Agent: Select Model');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Scripted Model' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'VS Code language models' }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(screenshotDir, 'model-picker.png') });
    await row.click();
    // The provider is machine-scoped: code-server keeps it in the remote machine's settings, the model in the user's.
    await waitForFile(path.join(dir, 'user-data', 'Machine', 'settings.json'), /"autoAgent\.provider": "vscode"/);
    await waitForFile(path.join(dir, 'user-data', 'User', 'settings.json'), /"autoAgent\.model": "scripted-model"/);
    fs.writeFileSync(path.join(dir, 'lm-script.json'), JSON.stringify([
      { text: 'I will add the helper.', toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Add src/square.js', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'create_file', arguments: { path: 'src/square.js', content: 'module.exports = (x) => x * x;\n' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Added src/square.js with the VS Code model.' } }] },
    ]));
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await webviewFrame(page, 'panel');
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible', timeout: 30_000 });
    await goal.fill('Add a square helper in src/square.js.');
    await panel.locator('[data-testid="start"]').click();
    await allowModelAccessIfAsked(page);
    const card = panel.locator('.review .card', { hasText: 'x * x' });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('[data-testid="accept"]').click();
    await waitForFile(path.join(workspace, 'src', 'square.js'), /x \* x/);
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
    await page.screenshot({ path: path.join(screenshotDir, 'vscode-model-finished.png') });
    const requests = fs.readFileSync(path.join(dir, 'lm-log.jsonl'), 'utf8').split('\n').filter(Boolean);
    if (requests.length < 3) throw new Error(`The scripted model saw ${requests.length} requests`);
  },
};

/** VS Code may ask once whether Auto Agent may use another extension's models: answer Allow like a user. */
async function allowModelAccessIfAsked(page: Page): Promise<void> {
  const allow = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Allow/ }).first();
  if (await allow.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    await page.screenshot({ path: path.join(screenshotDir, 'model-consent.png') });
    await allow.click();
  }
}
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
