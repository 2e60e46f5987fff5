/**
 * Runs inside code-server's extension host: first paint of webview variants between VS Code's blank page and the
 * agent panel's real page, alternated round by round so that they share the machine's noise.
 * Variant pages may be overridden by files in AUTO_AGENT_BISECT_DIR (panel-<name>.js replaces the panel script).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../src/protocol/webview';
import { firstPaintSnapshot } from '../../src/vscode/firstPaintSnapshot';
import { snapshotEvents } from '../../src/vscode/snapshotEvents';
import { webviewHtml, webviewRoots } from '../../src/vscode/webviewHtml';
import { benchTranscript } from './benchTranscript';

export interface Sample { openToPaintMs: number; marks: Record<string, number> }
export type BisectFigures = Record<string, Sample[]>;

const rounds = Number(process.env.AUTO_AGENT_BISECT_ROUNDS ?? 6);
const settleMs = 1200;

type Page = (webview: vscode.Webview, ext: vscode.Uri) => string;
interface Variant {
  name: string;
  isOurs: boolean;
  page: Page;
  /** After the paint: keep the page this long, answering its `webview/ready` with this snapshot (as the panel does). */
  after?: { lingerMs: number; full?: PanelSnapshot };
}

const report = `const api = acquireVsCodeApi(); const t0 = performance.now(); new PerformanceObserver((list, observer) => { const e = list.getEntriesByName('first-contentful-paint')[0];`
  + ` if (e) { observer.disconnect(); api.postMessage({ type: 'webview/painted', sincePaintMs: performance.now() - e.startTime, marks: { script: t0, painted: e.startTime } }); } }).observe({ type: 'paint', buffered: true });`;

function blank(extraHead = '', extraBody = ''): Page {
  return () => {
    const nonce = Math.random().toString(36).slice(2);
    return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">`
      + `${extraHead.replace(/NONCE/g, nonce)}</head><body class="panel"><p>Blank</p>${extraBody.replace(/NONCE/g, nonce)}<script nonce="${nonce}">${report}</script></body></html>`;
  };
}

function read(ext: vscode.Uri, ...parts: string[]): string {
  return fs.readFileSync(vscode.Uri.joinPath(ext, ...parts).fsPath, 'utf8');
}

function panelPage(snapshot: PanelSnapshot | undefined, options: { markdown?: 'inline' | 'lazy'; script?: string } = {}): Page {
  return (webview, ext) => {
    const first = snapshot && firstPaintSnapshot(snapshot, 60).snapshot;
    let html = webviewHtml(webview, ext, {
      script: 'panel', title: 'Auto Agent', loadId: '1', markdown: options.markdown ?? 'lazy',
      initialMessage: { type: 'session/restored', snapshot: first ?? emptySnapshot() },
    });
    const dir = process.env.AUTO_AGENT_BISECT_DIR;
    if (!options.script || !dir) return html;
    for (const [file, parts] of [[`panel-${options.script}.js`, ['dist', 'webview', 'panel.js']], [`markdownScript-${options.script}.js`, ['dist', 'webview', 'markdownScript.js']], [`webview-${options.script}.css`, ['media', 'webview.css']]] as const) {
      if (fs.existsSync(path.join(dir, file))) html = html.replace(read(ext, ...parts), () => fs.readFileSync(path.join(dir, file), 'utf8'));
    }
    return html;
  };
}

function emptySnapshot(): PanelSnapshot {
  return { taskId: undefined, events: [], isRunning: false, isReadOnly: false, canResume: false, pendingApprovalIds: [], budgets: { maxSteps: 50, maxCostUsd: 2, maxTokens: null } } as unknown as PanelSnapshot;
}

function variants(ext: vscode.Uri): Variant[] {
  const styles = `<style nonce="NONCE">${read(ext, 'dist', 'webview', 'codicons', 'codicon.css').replace(/@font-face\s*{[^}]*}/, '')}</style><style nonce="NONCE">${read(ext, 'media', 'webview.css')}</style>`;
  const script = read(ext, 'dist', 'webview', 'panel.js');
  const md = read(ext, 'dist', 'webview', 'markdownScript.js');
  const big: PanelSnapshot = { ...emptySnapshot(), taskId: 'bench-1000', isReadOnly: true, events: snapshotEvents(benchTranscript(1000)) };
  const all: Variant[] = [
    { name: 'blank', isOurs: false, page: blank() },
    { name: 'blank+ourOptions', isOurs: true, page: blank() },
    { name: '+styles', isOurs: true, page: blank(styles) },
    { name: '+styles+inertScript', isOurs: true, page: blank(styles, `<script type="text/plain">${script}</script>`) },
    { name: '+styles+parsedScript', isOurs: true, page: blank(styles, `<script nonce="NONCE">if (Math.random() > 2) { ${script} }</script>`) },
    { name: '+styles+mdScriptRun', isOurs: true, page: blank(styles, `<script nonce="NONCE">${md}</script>`) },
    { name: 'panel empty', isOurs: true, page: panelPage(undefined) },
    { name: 'panel 1000', isOurs: true, page: panelPage(big, { markdown: 'inline' }) },
    { name: 'panel 1000 lazy md', isOurs: true, page: panelPage(big, { markdown: 'lazy' }) },
  ];
  all.push({ name: 'panel 1000 +linger', isOurs: true, page: panelPage(big, { markdown: 'inline' }), after: { lingerMs: 600 } });
  all.push({ name: 'panel 1000 +full', isOurs: true, page: panelPage(big, { markdown: 'inline' }), after: { lingerMs: 600, full: big } });
  for (const name of (process.env.AUTO_AGENT_BISECT_SCRIPTS ?? '').split(',').filter(Boolean)) {
    all.push({ name: `panel empty [${name}]`, isOurs: true, page: panelPage(undefined, { script: name }) });
    all.push({ name: `panel 1000 [${name}]`, isOurs: true, page: panelPage(big, { markdown: 'inline', script: name }) });
  }
  const only = process.env.AUTO_AGENT_BISECT_ONLY?.split('|');
  return only ? all.filter((v) => only.includes(v.name)) : all;
}

export async function run(): Promise<BisectFigures> {
  const extension = vscode.extensions.getExtension('auto-agent.auto-agent');
  if (!extension) throw new Error('Auto Agent is not installed');
  const ext = extension.extensionUri;
  const list = variants(ext);
  const figures: BisectFigures = {};
  await measure({ name: 'warm-up', isOurs: false, page: blank() }, ext);
  // AUTO_AGENT_BISECT_BLOCK=n runs n samples of a variant in a row (as bench/vscode does), alternating the blocks.
  const block = Number(process.env.AUTO_AGENT_BISECT_BLOCK ?? 1);
  for (let round = 0; round < rounds; round++) {
    const order = list.map((_, i) => list[(i + round) % list.length]);
    for (const v of order) for (let i = 0; i < block; i++) (figures[v.name] ??= []).push(await measure(v, ext));
  }
  return figures;
}

async function measure(variant: Variant, ext: vscode.Uri): Promise<Sample> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await new Promise((r) => setTimeout(r, settleMs));
  const started = performance.now();
  const options = variant.isOurs ? { enableScripts: true, localResourceRoots: webviewRoots(ext), retainContextWhenHidden: false } : { enableScripts: true, localResourceRoots: [] };
  const panel = vscode.window.createWebviewPanel(variant.isOurs ? 'autoAgentBench.ours' : 'autoAgentBench.blank', 'Auto Agent', vscode.ViewColumn.Beside, options);
  if (variant.isOurs) panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'activity.svg');
  const painted = new Promise<Sample>((resolve) => panel.webview.onDidReceiveMessage((m: { type?: string; sincePaintMs?: number; marks?: Record<string, number> }) => {
    if (m?.type === 'webview/painted') resolve({ openToPaintMs: performance.now() - started - (m.sincePaintMs ?? 0), marks: m.marks ?? {} });
  }));
  panel.webview.html = variant.page(panel.webview, ext);
  const timeout = new Promise<Sample>((resolve) => setTimeout(() => resolve({ openToPaintMs: NaN, marks: {} }), 10_000));
  if (variant.after?.full) {
    const full = variant.after.full;
    panel.webview.onDidReceiveMessage((m: { type?: string }) => {
      if (m?.type === 'webview/ready') void panel.webview.postMessage({ type: 'session/restored', snapshot: full });
    });
  }
  const sample = await Promise.race([painted, timeout]);
  if (variant.after) await new Promise((r) => setTimeout(r, variant.after?.lingerMs));
  panel.dispose();
  return sample;
}
