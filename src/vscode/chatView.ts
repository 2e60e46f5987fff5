/**
 * The sidebar chat: a WebviewView that answers questions about the codebase with the engine's read-only tools.
 * Answers stream; file:line references open the editor; "Start agent on this" hands the conversation to the panel.
 */
import * as vscode from 'vscode';
import { chatOutboundSchema, parseMessage, type ChatInbound, type ChatOutbound } from '../protocol/webview';
import { webviewHtml, webviewRoots } from './webviewHtml';

export const chatViewId = 'autoAgent.chat';

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ChatRunOptions {
  question: string;
  history: ChatTurn[];
  onText(delta: string): void;
  signal: AbortSignal;
}

/** Answers one question (engine `runChat` with the VS Code host); resolves with the full answer. */
export type ChatRunner = (options: ChatRunOptions) => Promise<string>;

export interface ChatViewDeps {
  extensionUri: vscode.Uri;
  runner: () => Promise<ChatRunner>;
  restrictedReason(): string | undefined;
  openFile(path: string, line?: number): Promise<void>;
  handOff(goal: string): Promise<void>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private turns: ChatTurn[] = [];
  private abort: AbortController | undefined;
  private readonly answered = new vscode.EventEmitter<string>();
  /** Fires with every completed answer (the in-host tests wait on it). */
  readonly onDidAnswer = this.answered.event;

  constructor(private readonly deps: ChatViewDeps) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.deps.extensionUri) };
    view.webview.html = webviewHtml(view.webview, this.deps.extensionUri, { script: 'chat', title: 'Auto Agent Chat' });
    view.webview.onDidReceiveMessage((raw) => {
      const message = parseMessage(chatOutboundSchema, raw);
      if (message) void this.handle(message).catch((err: Error) => void vscode.window.showErrorMessage(`Auto Agent: ${err.message}`));
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** Asks a question as if typed in the view (the command API and tests use it). */
  async ask(question: string, turnId = `t-${Date.now()}`): Promise<string> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const history = [...this.turns];
    this.turns.push({ role: 'user', text: question });
    let answer = '';
    try {
      const run = await this.deps.runner();
      answer = await run({ question, history, signal: abort.signal, onText: (text) => this.post({ type: 'chat/streamed', turnId, text }) });
      this.turns.push({ role: 'assistant', text: answer });
      this.post({ type: 'chat/answered', turnId, text: answer });
      this.answered.fire(answer);
      return answer;
    } catch (err) {
      const message = abort.signal.aborted ? 'Stopped.' : (err as Error).message;
      this.post({ type: 'chat/failed', turnId, message });
      throw err;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  trustChanged(): void {
    this.post({ type: 'trust/changed', restrictedReason: this.deps.restrictedReason() });
  }

  dispose(): void {
    this.abort?.abort();
    this.answered.dispose();
  }

  private async handle(message: ChatOutbound): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        return this.post({ type: 'chat/restored', turns: this.turns, restrictedReason: this.deps.restrictedReason() });
      case 'chat/ask':
        await this.ask(message.question, message.turnId).catch(() => undefined);
        return;
      case 'chat/stop':
        this.abort?.abort();
        return;
      case 'chat/cleared':
        this.abort?.abort();
        this.turns = [];
        return;
      case 'chat/handedOff':
        return this.deps.handOff(message.goal);
      case 'file/open':
        return this.deps.openFile(message.path, message.line);
      default:
        return assertNever(message);
    }
  }

  private post(message: ChatInbound): void {
    void this.view?.webview.postMessage(message);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled chat message ${JSON.stringify(value)}`);
}
