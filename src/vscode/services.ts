/**
 * The deferred half of the composition root: everything heavy is built here on first use (a command, the panel,
 * the chat view), so activation itself only registers contributions. One instance per extension activation.
 */
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../core/host';
import { describeSandboxStatus } from '../core/policy/sandboxStatus';
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
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.apiKeys = new ApiKeys(context.secrets);
    this.logger = new VscodeLogger(() => this.apiKeys.known());
    this.approvals = new VscodeApprovals({
      approvalRequested: (request) => this.onApprovalRequested(request),
      questionAsked: (questionId, question) => {
        this.panel.show({ preserveFocus: true });
        this.panel.post({ type: 'question/asked', questionId, question });
      },
      settled: (approvalId) => {
        this.panel.post({ type: 'approval/settled', approvalId });
        void this.proposed.closeDiff(approvalId);
      },
    }, (entry) => isCovered(workspaceAllowList(), entry));
    this.engine = new EngineBridge({
      storageDir: context.globalStorageUri.fsPath, storeDir: vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'tasks').fsPath,
      approvals: this.approvals, terminal: this.terminal,
      editorColumn: () => this.existingEditorColumn(),
      logger: this.logger, apiKeys: this.apiKeys,
    });
    this.session = new AgentSession(async () => {
      this.approvals.startTask();
      return this.engine.taskRunner();
    }, (message, err) => this.logger.error(message, err));
    this.panel = new AgentPanel(context.extensionUri, () => this.snapshot(), panelHandlers(this));
    this.chat = new ChatViewProvider({
      extensionUri: context.extensionUri,
      runner: async () => createChatRunner(this.engine),
      restrictedReason,
      openFile: (reference, line) => openFileReference(reference, line, this.editorColumn()),
      handOff: async (goal) => this.panel.show({ prefill: goal }),
    });
    this.wire();
    void this.showSandboxStatus().catch((err: Error) => this.logger.warn(`Sandbox probe failed: ${err.message}`));
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
      isReadOnly: status.isReadOnly, canResume: status.canResume, restrictedReason: restrictedReason(),
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
    this.panel.show({ preserveFocus: true });
    this.logger.info(`Waiting for the user: ${request.title}`);
  }

  /** The panel's sandbox line: probed once per mode by the engine bridge. */
  private async showSandboxStatus(): Promise<void> {
    const status = await this.engine.sandboxStatus();
    this.panel.showSandboxStatus({ isActive: status.isActive, text: describeSandboxStatus(status) });
  }

  private wire(): void {
    this.disposables.push(
      this.session.onDidEmit((event) => this.panel.pushEvent(event)),
      this.session.onDidEmit((event) => { if (event.type === 'taskFinished' || event.type === 'changeApplied') this.memory.refresh(); }),
      this.session.onDidReset(() => this.panel.resync()),
      this.session.onDidChangeStatus((s) => this.panel.post({ type: 'task/statusChanged', isRunning: s.isRunning, canResume: s.canResume, taskId: s.taskId })),
      vscode.workspace.registerTextDocumentContentProvider(proposedScheme, this.proposed),
      vscode.workspace.registerTextDocumentContentProvider(CheckpointContents.scheme, this.checkpointContents),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('autoAgent.sandbox')) void this.showSandboxStatus();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.panel.post({ type: 'trust/changed', restrictedReason: restrictedReason() });
        this.chat.trustChanged();
      }),
      this.session, this.panel, this.chat, this.approvals, this.proposed, this.terminal, this.logger, this.memory,
    );
  }
}

function limit(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
