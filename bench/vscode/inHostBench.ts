/**
 * Runs inside code-server's extension host (through the test-runner extension): Auto Agent's own activation
 * time, and the agent panel's first paint, empty and with a 1,000-step task reopened from history.
 */
import * as vscode from 'vscode';
import type { AutoAgentApi } from '../../src/extension';
import type { AgentEvent } from '../../src/protocol/events';
import type { Services } from '../../src/vscode/services';

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
  const events = transcript(1000);
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

/** A finished task of `steps` steps: text, a tool call with output, usage, and a plan. */
function transcript(steps: number): AgentEvent[] {
  const events: AgentEvent[] = [];
  let seq = 0;
  const at = Date.now();
  const push = (e: Record<string, unknown>): void => { events.push({ ...e, seq: seq++, at } as AgentEvent); };
  push({ type: 'taskStarted', taskId: 'bench-1000', goals: [{ text: 'A long task' }], workspace: '/w', model: 'test-model' });
  push({ type: 'planUpdated', steps: [{ text: 'Read', status: 'done' }, { text: 'Change', status: 'done' }] });
  for (let step = 1; step <= steps; step++) {
    push({ type: 'stepStarted', step });
    push({ type: 'textStreamed', text: `Step ${step}: looking at **src/file${step}.ts:${step}** and ` });
    push({ type: 'assistantMessageCompleted', text: `Step ${step}: looking at **src/file${step}.ts:${step}** and \`code\`.` });
    push({ type: 'toolCallProposed', callId: `c${step}`, name: 'read_file', args: { path: `src/file${step}.ts` } });
    push({ type: 'toolCallCompleted', callId: `c${step}`, name: 'read_file', isError: false, output: 'export const x = 1;\n'.repeat(20), durationMs: 3 });
    push({ type: 'usageUpdated', request: usage(step), total: usage(step), contextTokens: 1000 + step, contextWindow: 128_000 });
  }
  push({ type: 'taskFinished', reason: 'completed', summary: 'Done.', isVerified: true });
  return events;
}

function usage(step: number): { promptTokens: number; completionTokens: number; cachedTokens: number; costUsd: number } {
  return { promptTokens: 1000 * step, completionTokens: 50 * step, cachedTokens: 0, costUsd: 0.001 * step };
}
