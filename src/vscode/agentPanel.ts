/**
 * The agent panel: a WebviewPanel in the editor area. Its page carries the snapshot for the first paint (see
 * firstPaintSnapshot); once the page is ready the panel sends the full snapshot only if the embedded one was
 * partial or is out of date, and then only batched event deltas. Every inbound message is validated and
 * dispatched to exactly one handler.
 */
import * as vscode from 'vscode';
import type { AgentEvent } from '../protocol/events';
import {
  panelOutboundSchema, parseMessage, type PanelInbound, type PanelOutbound, type PanelSnapshot,
} from '../protocol/webview';
import { firstPaintSnapshot } from './firstPaintSnapshot';
import { webviewHtml, webviewRoots } from './webviewHtml';

export const panelViewType = 'autoAgent.panel';

/** Timeline items the embedded first-paint snapshot holds at least (the webview first renders its newest 60). */
const firstPaintItems = 60;

/** Events whose items the panel renders as markdown (model text, the finish summary). */
const markdownEvents = new Set<AgentEvent['type']>(['textStreamed', 'assistantMessageCompleted', 'taskFinished']);

/** One handler per message type; the compiler checks that every message is handled. */
export type PanelHandlers = { [K in PanelOutbound['type']]: (message: Extract<PanelOutbound, { type: K }>) => unknown };

export interface PanelTimings {
  /** From createWebviewPanel to the webview's first contentful paint (the frame with the snapshot rendered). */
  openToPaintMs?: number;
  /** From the webview document's start to its first paint, as the webview measured it. */
  loadToPaintMs?: number;
  /** The webview's own phase marks (script start, ready, snapshot received, rendered). */
  marks?: Record<string, number>;
  /** Time the extension host spent building the page (snapshot, first-paint tail, HTML), and the page's size. */
  htmlMs?: number;
  htmlBytes?: number;
}

export class AgentPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private queue: AgentEvent[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private isReady = false;
  private createdAt = 0;
  /** The page's embedded snapshot: its id, whether it is partial, and whether anything happened since. */
  private embedded = { loadId: '', isPartial: false, isStale: false };
  private loads = 0;
  /** A goal to put in the goal field once the page is ready (a message before that would be lost). */
  private pendingPrefill: string | undefined;
  private sandboxStatus: PanelInbound | undefined;
  /** Timings of the current webview load (reset whenever a panel is created or restored). */
  timings: PanelTimings = {};
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closeEmitter = new vscode.EventEmitter<void>();
  /** The user closed the panel's tab. */
  readonly onDidClose = this.closeEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly snapshot: () => PanelSnapshot,
    private readonly handlers: PanelHandlers,
  ) {}

  /** Opens the panel (or reveals it) and optionally puts a goal into its goal field. */
  show(options: { preserveFocus?: boolean; prefill?: string } = {}): void {
    const openedAt = performance.now();
    if (!this.panel) this.attach(vscode.window.createWebviewPanel(panelViewType, 'Auto Agent', vscode.ViewColumn.Beside, {
      enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri), retainContextWhenHidden: false,
    }), openedAt);
    else this.panel.reveal(undefined, options.preserveFocus);
    if (options.prefill === undefined) return;
    if (this.isReady) this.post({ type: 'goal/prefilled', text: options.prefill });
    else this.pendingPrefill = options.prefill;
  }

  /** Adopts a panel VS Code restored after a reload (the serializer). */
  restore(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
    this.attach(panel);
  }

  get isVisible(): boolean { return !!this.panel?.visible; }

  /** The editor column of the panel, if it is open. */
  get viewColumn(): vscode.ViewColumn | undefined { return this.panel?.viewColumn; }

  /** Queues an event; events are flushed together so streamed text does not flood the webview. */
  pushEvent(event: AgentEvent): void {
    this.embedded.isStale = true;
    this.queue.push(event);
    this.flushTimer ??= setTimeout(() => this.flush(), 16);
  }

  /** Re-sends the whole snapshot (a new task or one opened from history). */
  resync(): void {
    this.embedded.isStale = true;
    this.queue = [];
    if (this.isReady) this.post({ type: 'session/restored', snapshot: this.snapshot() });
  }

  /** Remembers the sandbox status line and shows it now, or when the page is next ready. */
  showSandboxStatus(status: { isActive: boolean; text: string }): void {
    this.sandboxStatus = { type: 'sandbox/status', ...status };
    if (this.isReady) this.post(this.sandboxStatus);
  }

  post(message: PanelInbound): void {
    this.embedded.isStale = true;
    if (!this.panel || !this.isReady) return;
    if (message.type !== 'agent/events') this.flush();
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.closeEmitter.dispose();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private attach(panel: vscode.WebviewPanel, openedAt = performance.now()): void {
    this.panel = panel;
    this.isReady = false;
    this.createdAt = openedAt;
    this.timings = {};
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    const started = performance.now();
    const { snapshot, isPartial } = firstPaintSnapshot(this.snapshot(), firstPaintItems);
    this.queue = [];
    this.embedded = { loadId: String(++this.loads), isPartial, isStale: false };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
      script: 'panel', title: 'Auto Agent', initialMessage: { type: 'session/restored', snapshot } satisfies PanelInbound, loadId: this.embedded.loadId,
      markdown: snapshot.events.some((e) => markdownEvents.has(e.type)) ? 'inline' : 'lazy',
    });
    this.timings.htmlMs = performance.now() - started;
    this.timings.htmlBytes = panel.webview.html.length;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.closeEmitter.fire();
      }),
      panel.onDidChangeViewState(() => {
        // A hidden webview is destroyed (no retainContextWhenHidden); it reloads and asks for a snapshot again.
        if (!panel.visible) this.isReady = false;
      }),
    );
  }

  private receive(raw: unknown): void {
    const message = parseMessage(panelOutboundSchema, raw);
    if (!message) return;
    if (message.type === 'webview/ready') {
      this.isReady = true;
      // A page reloaded after being hidden carries the same embedded snapshot, so it may be out of date.
      const { loadId, isPartial, isStale } = this.embedded;
      if (message.loadId !== loadId || isPartial || isStale) {
        this.queue = [];
        this.post({ type: 'session/restored', snapshot: this.snapshot() });
      }
      if (this.sandboxStatus) this.post(this.sandboxStatus);
      if (this.pendingPrefill !== undefined) this.post({ type: 'goal/prefilled', text: this.pendingPrefill });
      this.pendingPrefill = undefined;
      return;
    }
    if (message.type === 'webview/painted') {
      this.timings.loadToPaintMs = message.sinceLoadMs;
      this.timings.marks = message.marks;
      this.timings.openToPaintMs ??= performance.now() - this.createdAt - (message.sincePaintMs ?? 0);
    }
    const handler = this.handlers[message.type] as (m: PanelOutbound) => unknown;
    void Promise.resolve(handler(message)).catch((err: Error) => void vscode.window.showErrorMessage(`Auto Agent: ${err.message}`));
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.queue.length === 0 || !this.panel || !this.isReady) return;
    const events = this.queue;
    this.queue = [];
    void this.panel.webview.postMessage({ type: 'agent/events', events } satisfies PanelInbound);
  }
}
