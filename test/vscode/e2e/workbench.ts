/** What the end-to-end scenarios share: the scenario shape, and finding and driving the workbench like a user. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { ScriptedServer } from '../../support/scriptedServer';
import { repoRoot, sleep } from '../codeServer';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface Scenario {
  title: string;
  /** `userDataDir`: code-server's user data (its User/ and Machine/ settings); `dir`: the run's scratch folder. */
  run(page: Page, ctx: { server: ScriptedServer; workspace: string; userDataDir: string; dir: string }): Promise<void>;
}

/** The webview frame whose document body has `bodyClass` (webviews are nested iframes). */
export async function webviewFrame(page: Page, bodyClass: 'panel' | 'chat', timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator(`body.${bodyClass}`).count().catch(() => 0)) return frame;
    }
    await sleep(200);
  }
  throw new Error(`No ${bodyClass} webview appeared within ${timeoutMs / 1000} s`);
}

/** Waits for `selector` in the webview, finding the frame again if a reload detaches the one it had. */
export async function waitInWebview(page: Page, bodyClass: 'panel' | 'chat', selector: string, timeoutMs = 20_000): Promise<Frame> {
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

/**
 * Runs a command from the palette like a user. Retries while the workbench is still registering extensions, and
 * when the palette closes again before it can be typed in (a webview that had the focus can take it back).
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill('>', { timeout: 5_000 });
      await input.pressSequentially(title, { delay: 10 });
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 6) throw err;
      await sleep(2_000);
    }
  }
}

export async function waitForFile(file: string, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && pattern.test(fs.readFileSync(file, 'utf8'))) return;
    await sleep(100);
  }
  throw new Error(`${file} never matched ${pattern}; it holds:\n${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)'}`);
}

