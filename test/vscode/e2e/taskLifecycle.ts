/**
 * The task's life around the user, end to end: waiting on the user reads "Waiting for you" (with a badge and,
 * when the panel was hidden, a notification); a window reload interrupts the task instead of stopping it, and
 * Resume proposes the waiting change again; a task opened from history gives way to a New Task form; a settings
 * write never sends the next task to another endpoint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { ScriptedServer } from '../../support/scriptedServer';
import { sleep } from '../codeServer';
import { runCommand, screenshotDir, waitForFile, waitInWebview, webviewFrame, type Scenario } from './workbench';

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(screenshotDir, name) });

async function statusText(page: Page): Promise<string> {
  const panel = await waitInWebview(page, 'panel', '[data-testid="task-status"]');
  return panel.locator('[data-testid="task-status"]').innerText();
}

async function waitForStatus(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await statusText(page).catch(() => '');
    if (pattern.test(text)) return;
    await sleep(250);
  }
  throw new Error(`The panel's status never matched ${pattern}; it says: ${text}`);
}

const reloadScenario: Scenario = {
  title: 'an approval waits: "Waiting for you", a badge and a notification when the panel was hidden; Reload Window → Interrupted with Resume → the change is proposed again → Accept → written',
  async run(page, { server, workspace }) {
    const file = path.join(workspace, 'notes', 'reload.txt');
    const requestsBefore = server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    server.enqueue(
      { delayMs: 25_000, toolCalls: [{ name: 'create_file', arguments: { path: 'notes/reload.txt', content: 'survived a reload\n' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Wrote notes/reload.txt.' } }] },
    );
    await runCommand(page, 'Auto Agent: Start Agent');
    const panel = await webviewFrame(page, 'panel');
    const goal = panel.locator('[data-testid="goal-input"]').first();
    await goal.waitFor({ state: 'visible', timeout: 30_000 });
    await goal.fill('Write notes/reload.txt.');
    await panel.locator('[data-testid="start"]').click();
    // Close the panel before the proposal comes (the model answers after 25 s, time enough for the palette to be retried): the request must reach the user anyway.
    await runCommand(page, 'View: Close All Editors');
    const asked = server.requests.filter((r) => r.path.endsWith('/chat/completions')).slice(requestsBefore);
    if (asked.some((r) => r.endedAt !== undefined)) throw new Error('The proposal came before the panel was closed: this test needs the 25 s delay to hold');
    const toast = page.locator('.notification-toast', { hasText: 'Auto Agent is waiting for you' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const badge = page.locator('.activitybar .action-item .badge-content', { hasText: /^1$/ });
    await badge.first().waitFor({ state: 'visible', timeout: 10_000 });
    await shot(page, 'waiting-notification.png');
    await toast.getByRole('button', { name: 'Review' }).click();
    await waitForStatus(page, /^\s*Waiting for you/);
    const spinning = await (await webviewFrame(page, 'panel')).locator('[data-testid="task-status"] .codicon-modifier-spin').count();
    if (spinning) throw new Error('The header spins while it waits for the user');
    await shot(page, 'panel-waiting.png');

    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await waitForStatus(page, /Interrupted/, 60_000);
    const restored = await waitInWebview(page, 'panel', '[data-testid="resume"]');
    if (await restored.locator('.review .card').count()) throw new Error('An interrupted task offers live review buttons before Resume');
    const row = await restored.locator('.timeline').innerText();
    if (!/waiting for review/.test(row) || /not decided|rejected|Stopped by the user/.test(row)) throw new Error(`The interrupted task's timeline reads: ${row}`);
    await shot(page, 'panel-interrupted.png');
    if (fs.existsSync(file)) throw new Error('The file was written before anyone accepted it');

    await restored.locator('[data-testid="resume"]').click();
    const card = (await waitInWebview(page, 'panel', '.review .card')).locator('.review .card', { hasText: 'notes/reload.txt' });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await shot(page, 'panel-resumed.png');
    await card.locator('[data-testid="accept"]').click();
    await waitForFile(file, /survived a reload/);
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
  },
};

const historyScenario: Scenario = {
  title: 'a task opened from history is read-only; Start Agent brings back the New Task form',
  async run(page) {
    await runCommand(page, 'Auto Agent: Show Task History');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Write notes/reload.txt.' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await waitForStatus(page, /read-only \(history\)/);
    const panel = await webviewFrame(page, 'panel');
    if (await panel.locator('[data-testid="goal-input"]').isVisible()) throw new Error('A task from history shows the New Task form');
    await runCommand(page, 'Auto Agent: Start Agent');
    await waitInWebview(page, 'panel', '[data-testid="goal-input"]');
    await waitForStatus(page, /Ready/);
    await shot(page, 'panel-after-history.png');
  },
};

/** Starts a task from the panel's New Task form. */
async function startTask(page: Page, goal: string): Promise<void> {
  await runCommand(page, 'Auto Agent: Start Agent');
  const panel = await waitInWebview(page, 'panel', '[data-testid="goal-input"]');
  await panel.locator('[data-testid="goal-input"]').first().fill(goal);
  await panel.locator('[data-testid="start"]').click();
}

/** Waits until the task reached the scripted server, or the panel's timeline matches `stop`; says which. */
async function reachedOrStopped(page: Page, server: ScriptedServer, since: number, stop: RegExp): Promise<{ isReached: boolean; text: string }> {
  const deadline = Date.now() + 30_000;
  let text = '';
  for (;;) {
    const isReached = server.requests.slice(since).some((r) => r.path.endsWith('/chat/completions'));
    text = await (await webviewFrame(page, 'panel')).locator('.timeline').innerText().catch(() => '');
    if (isReached || stop.test(text) || Date.now() > deadline) return { isReached, text };
    await sleep(250);
  }
}

const endpointScenario: Scenario = {
  title: 'Select Model writes the user settings; the next task does not go to the default endpoint: it stops naming autoAgent.baseUrl (one notification, with Set API Key / Open Settings); the remote\'s Machine settings, as documented, fix it',
  async run(page, { server, userDataDir }) {
    await runCommand(page, 'Auto Agent: Select Model');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'test-model-large' }).first();
    await pick.waitFor({ state: 'visible', timeout: 20_000 });
    await pick.click();
    await sleep(1_500);
    let since = server.requests.length;
    await startTask(page, 'Say where you are.');
    const first = await reachedOrStopped(page, server, since, /autoAgent\.baseUrl|Connection error|Could not reach/);
    await shot(page, 'endpoint-after-settings-write.png');
    if (!first.isReached) {
      if (!/autoAgent\.baseUrl cannot be read/.test(first.text)) throw new Error(`After a settings write the task went elsewhere; the panel says: ${first.text}`);
      // The error is one notification, with the actions that fix it.
      const toast = page.locator('.notification-toast', { hasText: 'autoAgent.baseUrl cannot be read' });
      await toast.first().waitFor({ state: 'visible', timeout: 10_000 });
      await toast.first().screenshot({ path: path.join(screenshotDir, 'endpoint-error-notification.png') });
      if (await toast.count() !== 1) throw new Error(`The endpoint error was shown ${await toast.count()} times`);
      for (const action of ['Set API Key', 'Open Settings']) {
        if (!await toast.getByRole('button', { name: action }).count()) throw new Error(`The endpoint error offers no ${action}`);
      }
      await toast.locator('.codicon-notifications-clear, .codicon-close').first().click().catch(() => undefined);
    }
    // Where the README says machine-scoped settings live in code-server: the task reaches the configured endpoint.
    const machine = path.join(userDataDir, 'Machine', 'settings.json');
    fs.mkdirSync(path.dirname(machine), { recursive: true });
    fs.writeFileSync(machine, JSON.stringify({ 'autoAgent.baseUrl': server.url }, null, 2));
    // Written behind VS Code's back (a user would use Open Remote Settings): a reload makes sure it is read.
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await sleep(3_000);
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'Reached the configured endpoint.' } }] });
    since = server.requests.length;
    await startTask(page, 'Say where you are, again.');
    const second = await reachedOrStopped(page, server, since, /autoAgent\.baseUrl|Connection error|Could not reach/);
    if (!second.isReached) throw new Error(`With autoAgent.baseUrl in ${machine} the task still did not reach it: ${second.text}`);
    await waitInWebview(page, 'panel', '[data-testid="task-finished"]', 30_000);
  },
};

export const lifecycleScenarios: Scenario[] = [reloadScenario, historyScenario, endpointScenario];
