/**
 * The deferred half of the composition root: everything heavy is built here on first use (a command, the panel,
 * the chat view), so activation itself only registers contributions. One instance per extension activation.
 */
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../core/host';
import { describeSandboxStatus } from '../core/policy/sandboxStatus';
import type { AgentEvent } from '../protocol/events';
import type { PanelSnapshot } from '../protocol/webview';
import { AgentPanel } from './agentPanel';
import { AgentSession } from './agentSession';
import { AgentTerminal } from './agentTerminal';
import { ApiKeys } from './apiKeys';
import { ChatViewProvider } from './chatView';
import { createChatRunner } from './chatBridge';
import { EngineBridge } from './engineBridge';
import { openFileReference } from './fileLinks';
import { panelHandlers } from './panelHandlers';
import { ProposedContentProvider, proposedScheme } from './proposedContent';
import { CheckpointContents } from './checkpointCommand';
import { VscodeApprovals } from './vscodeApprovals';
import { VscodeLogger } from './vscodeLogger';
import { readAgentSettings, workspaceAllowList } from './vscodeSettings';
import { isCovered } from '../core/policy/workspaceAllowLists';
import { restrictedReason } from './workspaceTrust';
import { snapshotEvents } from './snapshotEvents';
import { MemoryTreeProvider } from './memoryView';
import { recoverInterruptedTask, runningTaskKey } from './taskHistory';
import { WaitingIndicator } from './waitingIndicator';
import { errorActionsFor, type RememberedEndpoint } from './endpointGuard';
import { showAutoAgentError } from './errorNotice';

/** The global-state key of the endpoint the user's settings last chose. */
const lastEndpointKey = 'autoAgent.lastEndpoint';

/** What the composition root lends the services: a badge on the Auto Agent views. */
export interface ServiceViews {
  setBadge(badge: vscode.ViewBadge | undefined): void;
}
import { VscodeMcp } from './vscodeMcp';

export class Services implements vscode.Disposable {
  readonly apiKeys: ApiKeys;
  readonly logger: VscodeLogger;
  readonly terminal = new AgentTerminal();
  readonly approvals: VscodeApprovals;
  readonly proposed = new ProposedContentProvider();
  /** Files as they were at a checkpoint, for "Compare" on a step. */
  readonly checkpointContents = new CheckpointContents();
  readonly engine: EngineBridge;
  readonly session: AgentSession;
  readonly panel: AgentPanel;
  readonly chat: ChatViewProvider;
  /** The Memory view's tree (both scopes' notes). */
  readonly memory = new MemoryTreeProvider();
  /** The badge and notification while the agent waits for the user. */
  readonly waiting: WaitingIndicator;
  /** Settles once a task interrupted by a reload or crash is back in the session (the panel waits for it). */
  readonly recovered: Promise<void>;
  /** The window's MCP servers (started on first use, stopped with the window). */
  readonly mcp: VscodeMcp;
  private readonly disposables: vscode.Disposable[] = [];
  private hasNoticedError = false;

  constructor(readonly context: vscode.ExtensionContext, views: ServiceViews = { setBadge: () => undefined }) {
    this.apiKeys = new ApiKeys(context.secrets);
    this.logger = new VscodeLogger(() => this.apiKeys.known());
    this.mcp = new VscodeMcp(context, this.logger);
    this.approvals = new VscodeApprovals({
      approvalRequested: (request) => this.onApprovalRequested(request),
      questionAsked: (questionId, question) => {
        const wasVisible = this.panel.isVisible;
        this.panel.show({ preserveFocus: true });
        this.panel.post({ type: 'question/asked', questionId, question });
        this.waiting.started(questionId, 'the agent asks a question', wasVisible);
      },
      settled: (approvalId) => {
        this.waiting.settled(approvalId);
        this.panel.post({ type: 'approval/settled', approvalId });
        void this.proposed.closeDiff(approvalId);
      },
    }, (entry) => isCovered(workspaceAllowList(), entry));
    this.waiting = new WaitingIndicator({
      canSeePanel: () => this.panel.isVisible && vscode.window.state.focused,
      setBadge: (value, tooltip) => {
        // One view carries it: the activity bar adds up the badges of a container's views.
        views.setBadge(value > 0 ? { value, tooltip } : undefined);
      },
      notify: async (text, action) => (await vscode.window.showInformationMessage(text, action)) === action,
      reveal: () => this.panel.show(),
    });
    this.engine = new EngineBridge({
      storageDir: context.globalStorageUri.fsPath, storeDir: vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'tasks').fsPath,
      approvals: this.approvals, terminal: this.terminal,
      editorColumn: () => this.existingEditorColumn(),
      logger: this.logger, apiKeys: this.apiKeys, mcp: this.mcp,
      endpoints: {
        get: () => context.globalState.get<RememberedEndpoint>(lastEndpointKey),
        set: (endpoint) => void context.globalState.update(lastEndpointKey, endpoint),
      },
    });
    this.session = new AgentSession(async () => {
      this.approvals.startTask();
      return this.engine.taskRunner();
    }, (message, err) => this.logger.error(message, err), {
      get: () => context.workspaceState.get<string>(runningTaskKey),
      set: (taskId) => void context.workspaceState.update(runningTaskKey, taskId),
    });
    this.panel = new AgentPanel(context.extensionUri, () => this.snapshot(), panelHandlers(this));
    this.chat = new ChatViewProvider({
      extensionUri: context.extensionUri,
      runner: async () => createChatRunner(this.engine),
      restrictedReason,
      openFile: (reference, line) => openFileReference(reference, line, this.editorColumn()),
      handOff: async (goal) => this.handOff(goal),
    });
    this.wire();
    this.recovered = recoverInterruptedTask(this).catch((err: Error) => this.logger.warn(`Could not reopen the interrupted task: ${err.message}`));
    void this.showSandboxStatus().catch((err: Error) => this.logger.warn(`Sandbox probe failed: ${err.message}`));
  }

  /** "Start agent on this" from the chat: the goal goes into a New Task form (a task from history gives way to it). */
  handOff(goal: string): void {
    this.session.closeHistory();
    this.panel.show({ prefill: goal });
  }

  /** Where files open: the first column, unless the agent panel is there. */
  editorColumn(): vscode.ViewColumn {
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /**
   * Where an accepted edit is shown: the editor column beside the panel if that group exists; undefined when the
   * panel is alone, so an accept does not split the window (the user opens the file when they ask).
   */
  existingEditorColumn(): vscode.ViewColumn | undefined {
    const column = this.editorColumn();
    return vscode.window.tabGroups.all.some((g) => g.viewColumn === column) ? column : undefined;
  }

  /** What a (re)loading panel is told. */
  snapshot(): PanelSnapshot {
    const status = this.session.status();
    const settings = readAgentSettings();
    return {
      taskId: status.taskId, events: snapshotEvents(this.session.snapshotEvents()), isRunning: status.isRunning,
      isReadOnly: status.isReadOnly, canResume: status.canResume, isInterrupted: status.isInterrupted, restrictedReason: restrictedReason(),
      pendingApprovalIds: this.approvals.pendingRequests().map((r) => r.id),
      pendingQuestion: this.approvals.pendingQuestion(),
      budgets: { maxSteps: limit(settings.budgets.maxSteps), maxCostUsd: limit(settings.budgets.maxCostUsd), maxTokens: limit(settings.budgets.maxTokens) },
    };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    // The session's index ends its worker threads with the extension.
    void this.engine.dispose();
  }

  private onApprovalRequested(request: ApprovalRequest): void {
    const wasVisible = this.panel.isVisible;
    this.panel.show({ preserveFocus: true });
    this.waiting.started(request.id, request.title, wasVisible);
    this.logger.info(`Waiting for the user: ${request.title}`);
  }

  /** An endpoint or key error gets one notification per task, with the actions that fix it (the panel shows it too). */
  private noticeEndpointError(event: AgentEvent): void {
    if (event.type !== 'errorOccurred' || event.agentId || this.hasNoticedError) return;
    if (errorActionsFor(event.message, event.code).length === 0 || /Retrying \(\d/.test(event.message)) return;
    this.hasNoticedError = true;
    void showAutoAgentError(event.message, event.code);
  }

  /** The panel's sandbox line: probed once per mode by the engine bridge. */
  private async showSandboxStatus(): Promise<void> {
    const status = await this.engine.sandboxStatus();
    this.panel.showSandboxStatus({ isActive: status.isActive, text: describeSandboxStatus(status) });
  }

  private wire(): void {
    this.disposables.push(
      this.session.onDidEmit((event) => this.panel.pushEvent(event)),
      this.session.onDidEmit((event) => this.noticeEndpointError(event)),
      this.session.onDidReset(() => { this.hasNoticedError = false; }),
      this.session.onDidEmit((event) => { if (event.type === 'taskFinished' || event.type === 'changeApplied') this.memory.refresh(); }),
      this.session.onDidReset(() => this.panel.resync()),
      this.session.onDidChangeStatus((s) => {
        if (!s.isRunning) this.waiting.clear();
        this.panel.post({ type: 'task/statusChanged', isRunning: s.isRunning, canResume: s.canResume, isInterrupted: s.isInterrupted, taskId: s.taskId });
      }),
      // Closing the tab of a task opened from history leaves history: the next open shows a New Task form.
      this.panel.onDidClose(() => this.session.closeHistory()),
      vscode.workspace.registerTextDocumentContentProvider(proposedScheme, this.proposed),
      vscode.workspace.registerTextDocumentContentProvider(CheckpointContents.scheme, this.checkpointContents),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('autoAgent.sandbox')) void this.showSandboxStatus();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.panel.post({ type: 'trust/changed', restrictedReason: restrictedReason() });
        this.chat.trustChanged();
      }),
      this.session, this.panel, this.chat, this.approvals, this.proposed, this.terminal, this.logger, this.memory, this.mcp,
    );
  }
}

function limit(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
