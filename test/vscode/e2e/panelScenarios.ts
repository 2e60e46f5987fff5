/**
 * The panel as a new user meets it (issue 19), in the light theme: the plan stays pinned while the timeline
 * scrolls, calls read in words, a rejected change says so once with its reason, a refused finish shows the failing
 * tests with the raw output folded, and the finish is on screen at the end; the chat wraps long unbroken text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { sleep } from '../codeServer';
import { runCommand, screenshotDir, waitInWebview, waitForFile, webviewFrame, type Scenario } from './workbench';

async function useLightTheme(page: Page): Promise<void> {
  if (await page.locator('.monaco-workbench.vs').count()) return;
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill('Light Modern');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-workbench.vs').waitFor({ state: 'attached', timeout: 15_000 });
}

/** The element's box against the panel's scrolling area: how much of it is in view. */
async function inView(frame: Frame, element: Locator): Promise<{ top: number; bottom: number; viewTop: number; viewBottom: number }> {
  const view = await frame.locator('.scroll').boundingBox();
  const box = await element.boundingBox();
  if (!view || !box) throw new Error('no layout box');
  return { top: box.y, bottom: box.y + box.height, viewTop: view.y, viewBottom: view.y + view.height };
}

function writeProject(workspace: string): void {
  fs.writeFileSync(path.join(workspace, 'src', 'math.js'), 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n');
  fs.mkdirSync(path.join(workspace, 'test'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'test', 'math.test.js'), [
    "const test = require('node:test');", "const assert = require('node:assert');", "const math = require('../src/math.js');",
    "test('add adds', () => assert.strictEqual(math.add(1, 2), 3));",
    "test('multiply multiplies', () => assert.strictEqual(math.multiply(2, 3), 6));", '',
  ].join('\n'));
  fs.writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ name: 'sample', version: '1.0.0', private: true, scripts: { test: 'node --test test/' } }, null, 2));
}

const plan = ['Read math.js', 'Look at the tests', 'Add multiply()', 'Run the tests', 'Fix what fails', 'Summarize'].map((text, i) => ({ text, status: i === 0 ? 'in_progress' : 'pending' }));
const summary = `Added \`multiply()\` to src/math.js:5 and exported it; \`npm test\` passes (2 tests).\n\n${Array.from({ length: 12 }, (_v, i) => `- detail ${i + 1} of what changed and why`).join('\n')}`;

const panelStory: Scenario = {
  title: 'light theme: plan pinned, calls in words, a rejected change with its reason, a refused finish folded, the finish in view',
  async run(page, { server, workspace }) {
    await useLightTheme(page);
    writeProject(workspace);
    server.enqueue(
      { text: 'I will add multiply().', toolCalls: [{ name: 'update_plan', arguments: { steps: plan } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'seq 1 150' } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: 'module.exports = { add };', replace: 'function mul(a, b) {\n  return a * b;\n}\n\nmodule.exports = { add, mul };' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to add after all.' } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: 'module.exports = { add };', replace: 'function multiply(a, b) {\n  return a * b;\n}\n\nmodule.exports = { add, multiply };' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await waitInWebview(page, 'panel', '[data-testid="goal-input"]');
    await checkOverview(panel);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-light-overview.png') });
    await panel.locator('[data-testid="goal-input"]').first().fill('Add multiply() to src/math.js; the tests say what it must do.');
    await panel.locator('[data-testid="start"]').click();
    const first = panel.locator('.review .card', { hasText: 'mul(a, b)' });
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    await first.locator('[data-testid="reject"]').click();
    await first.locator('[data-testid="reject-reason"]').fill('Name it multiply, as the tests do');
    await first.locator('[data-testid="send-reject"]').click();
    const second = panel.locator('.review .card', { hasText: 'multiply(a, b)' });
    await second.waitFor({ state: 'visible', timeout: 60_000 });
    await checkRows(panel);
    await panel.locator('details.tool', { hasText: 'Name it multiply' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'panel-light-rejected.png') });
    const refused = panel.locator('.notice', { hasText: 'Finish refused' });
    const refusedText = await refused.innerText();
    if (!/Failing tests:/.test(refusedText) || !/multiply multiplies/.test(refusedText)) throw new Error(`The refusal does not list the failing test:\n${refusedText}`);
    if (await refused.locator('[data-testid="notice-detail"]').getAttribute('open') !== null) throw new Error('The raw output is not folded');
    const height = (await refused.boundingBox())?.height ?? 0;
    if (height > 400) throw new Error(`The refused finish takes ${height} px`);
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'panel-light-refused.png') });
    await panel.locator('.scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await sleep(300);
    await second.locator('[data-testid="accept"]').click();
    await waitForFile(path.join(workspace, 'src', 'math.js'), /function multiply/);
    const finished = panel.locator('[data-testid="task-finished"]');
    await finished.waitFor({ state: 'visible', timeout: 60_000 });
    await sleep(500);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-light-finished.png') });
    const box = await inView(panel, finished);
    if (box.top < box.viewTop - 1 || box.top > box.viewBottom - 40) throw new Error(`The finish is off-screen: ${JSON.stringify(box)}`);
    const pinned = await inView(panel, panel.locator('.plan-view'));
    if (pinned.top < pinned.viewTop - 1 || pinned.bottom > pinned.viewBottom) throw new Error(`The plan scrolled away: ${JSON.stringify(pinned)}`);
    await compareFromStep(page, panel);
  },
};

/** The accepted step offers its checkpoint: "Compare with now" opens the diff beside the panel. */
async function compareFromStep(page: Page, panel: Frame): Promise<void> {
  const step = panel.locator('details.tool', { has: panel.locator('[data-testid="checkpoint-compare"]') }).first();
  // A reloaded panel renders only its newest rows until scrolled up: scroll up, so earlier ones are there too.
  await panel.locator('.scroll').evaluate((el) => { el.scrollTop = 0; });
  await step.waitFor({ state: 'attached', timeout: 10_000 }).catch(() => undefined);
  if (!(await step.count())) {
    const rows = await panel.locator('details.tool').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-call')}: ${e.querySelector('summary')?.textContent ?? ''} | ${e.innerHTML.length}`));
    throw new Error(`No step offers its checkpoint; the rows:\n${rows.join('\n')}`);
  }
  await step.locator('summary').click();
  await step.locator('[data-testid="checkpoint-compare"]').click();
  await page.locator('.tabs-container .tab', { hasText: 'after that step ↔ now' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.screenshot({ path: path.join(screenshotDir, 'panel-light-checkpoint.png') });
  await page.locator('.tabs-container .tab', { hasText: 'Auto Agent' }).click();
}

/** Beside the New Task form: the model in use with "Change…", and the approval policy. */
async function checkOverview(panel: Frame): Promise<void> {
  const model = panel.locator('[data-testid="overview-model"]');
  await model.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await model.innerText();
  if (!text.includes('test-model') || !(await model.locator('[data-testid="change-model"]').count())) throw new Error(`The overview's model line: ${text}`);
  const policy = await panel.locator('[data-testid="overview-policy"]').innerText();
  if (!/commands sandboxed/.test(policy)) throw new Error(`The overview's policy line: ${policy}`);
}

/** The collapsed rows: calls in words (tool id in the details), one "rejected" with the reason. */
async function checkRows(panel: Frame): Promise<void> {
  await panel.locator('details.tool .tool-label', { hasText: 'Read src/math.js' }).waitFor({ state: 'visible' });
  await panel.locator('details.tool .tool-label', { hasText: 'Ran seq 1 150' }).waitFor({ state: 'visible' });
  const read = panel.locator('details.tool', { hasText: 'Read src/math.js' });
  if (await read.locator('[data-testid="tool-id"]').textContent() !== 'read_file') throw new Error('The tool id is not in the details');
  const rejected = panel.locator('details.tool', { has: panel.locator('[data-testid="tool-outcome"]', { hasText: 'rejected' }) });
  const row = await rejected.locator('summary').innerText();
  if ((row.match(/rejected/g) ?? []).length !== 1) throw new Error(`The rejected row reads: ${row}`);
  if (!row.includes('Name it multiply, as the tests do')) throw new Error(`The rejected row hides the reason: ${row}`);
}

const chatWrap: Scenario = {
  title: 'light theme: the chat wraps a long unbroken line instead of widening the view',
  async run(page, { server }) {
    await useLightTheme(page);
    const token = `sha256-${'0123456789abcdef'.repeat(24)}`;
    server.enqueue({ text: `The artifact hash is ${token} and the URL is https://example.com/${'very-long-path-segment-'.repeat(12)}end.` });
    await runCommand(page, 'Auto Agent: Open Chat');
    const chat = await webviewFrame(page, 'chat');
    await chat.locator('[data-testid="chat-input"]').fill(`What is ${token}?`);
    await chat.locator('[data-testid="chat-send"]').click();
    const answer = chat.locator('.turn.assistant', { hasText: 'artifact hash' }).last();
    await answer.waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshotDir, 'chat-light-wrap.png') });
    const widths = await chat.locator('.chat-log').evaluate((log) => ({
      log: [log.scrollWidth, log.clientWidth],
      turns: [...log.querySelectorAll('.turn .markdown')].map((m) => [m.scrollWidth, m.clientWidth]),
    }));
    if (widths.log[0] > widths.log[1] + 1 || widths.turns.some(([s, c]) => s > c + 1)) throw new Error(`Text overflows the chat: ${JSON.stringify(widths)}`);
  },
};

/** Last: opening a task from history leaves the panel read-only for the rest of the run. */
const recentTasks: Scenario = {
  title: 'light theme: the New Task form lists the recent tasks, and one opens from there',
  async run(page) {
    await useLightTheme(page);
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await waitInWebview(page, 'panel', '[data-testid="recent-tasks"]');
    const first = panel.locator('[data-testid="recent-tasks"] a.recent-task').first();
    const goal = await first.innerText();
    if (!goal.startsWith('Add multiply()')) throw new Error(`The newest recent task is: ${goal}`);
    await page.screenshot({ path: path.join(screenshotDir, 'panel-light-recent.png') });
    await first.click();
    const opened = await waitInWebview(page, 'panel', '[data-testid="task-status"]:has-text("read-only")');
    await opened.locator('[data-testid="task-finished"]').waitFor({ state: 'visible' });
  },
};

export const panelScenarios: Scenario[] = [panelStory, chatWrap, recentTasks];
