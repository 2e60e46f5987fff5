/**
 * Runs inside code-server's extension host (through the test-runner extension): Auto Agent's own activation
 * time, and the agent panel's first paint, empty and with a 1,000-step task reopened from history.
 */
import * as vscode from 'vscode';
import type { AutoAgentApi } from '../../src/extension';
import type { Services } from '../../src/vscode/services';
import { benchTranscript } from './benchTranscript';

export interface InHostFigures {
  activationMs: number;
  emptyPanel: PaintFigures[];
  bigPanel: (PaintFigures & { events: number })[];
  /** VS Code's own floor: a blank webview whose one inline script reports its first frame. */
  blankWebviewMs: number[];
  /** The same, as the first webview of the window (VS Code's one-time webview setup), before any panel round. */
  firstWebviewMs: number;
}

export interface PaintFigures {
  openToPaintMs: number;
  loadToPaintMs: number;
  marks?: Record<string, number>;
  htmlMs?: number;
  htmlBytes?: number;
}

const rounds = 5;
/** Quiet time before each round, so a round does not pay for the previous panel's after-paint work (its full snapshot). */
const settleMs = 1500;

export async function run(): Promise<InHostFigures> {
  const extension = vscode.extensions.getExtension<AutoAgentApi>('auto-agent.auto-agent');
  if (!extension) throw new Error('Auto Agent is not installed');
  const api = extension.isActive ? extension.exports : await extension.activate();
  const services = await api.services();
  // The window's first webview pays VS Code's one-time webview setup; a blank one takes it, measured on its own.
  const firstWebviewMs = await blankWebview();
  const figures: InHostFigures = { activationMs: api.activationMs, emptyPanel: [], bigPanel: [], blankWebviewMs: [], firstWebviewMs };
  for (let i = 0; i < rounds; i++) figures.emptyPanel.push(await paint(services, () => services.panel.show()));
  const events = benchTranscript(1000);
  services.session.openReadOnly('bench-1000', events);
  for (let i = 0; i < rounds; i++) figures.bigPanel.push({ ...(await paint(services, () => services.panel.show())), events: events.length });
  services.panel.dispose();
  for (let i = 0; i < rounds; i++) figures.blankWebviewMs.push(await blankWebview());
  // Left open for the screenshot the bench takes once this returns (not counted).
  await paint(services, () => services.panel.show());
  return figures;
}

/** Open → first frame of a webview with nothing of ours in it: what VS Code itself takes (the floor). */
async function blankWebview(): Promise<number> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await new Promise((r) => setTimeout(r, settleMs));
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('autoAgentBench.blank', 'Blank', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
  const painted = new Promise<number>((resolve) => panel.webview.onDidReceiveMessage((sincePaintMs: number) => resolve(performance.now() - started - sincePaintMs)));
  const nonce = Math.random().toString(36).slice(2);
  // Measured as the panel is: the browser's first contentful paint, less the page's wait for that entry.
  const report = `const api = acquireVsCodeApi(); new PerformanceObserver((list, observer) => { const e = list.getEntriesByName('first-contentful-paint')[0];`
    + ` if (e) { observer.disconnect(); api.postMessage(performance.now() - e.startTime); } }).observe({ type: 'paint', buffered: true });`;
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">`
    + `</head><body><p>Blank</p><script nonce="${nonce}">${report}</script></body></html>`;
  const ms = await painted;
  panel.dispose();
  return ms;
}

async function paint(services: Services, open: () => void): Promise<PaintFigures> {
  services.panel.dispose();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await new Promise((r) => setTimeout(r, settleMs));
  open();
  const deadline = Date.now() + 30_000;
  while (services.panel.timings.openToPaintMs === undefined) {
    if (Date.now() > deadline) throw new Error('The panel did not paint within 30 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  const { openToPaintMs, loadToPaintMs, marks, htmlMs, htmlBytes } = services.panel.timings;
  return { openToPaintMs: openToPaintMs ?? NaN, loadToPaintMs: loadToPaintMs ?? NaN, marks, htmlMs, htmlBytes };
}
