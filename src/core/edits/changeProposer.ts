/**
 * The change pipeline every file-changing tool goes through: compute the diff, show it, get permission (whole or
 * per hunk), re-check the base, write atomically, record the edit. Nothing reaches disk without passing here.
 */
import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';
import type { ChangeKind, ChangeView, DiffHunk } from '../../protocol/change';
import type { AgentEventInput } from '../../protocol/events';
import type { WorkspaceFiles } from '../host';
import type { PermissionGate } from '../policy/permissionGate';
import type { TaskControl } from '../loop/taskControl';

/** A change a tool wants to make. Contents are text; `before` is what the tool computed from (null: new file). */
export interface ChangeProposal {
  callId: string;
  toolName: string;
  kind: ChangeKind;
  abs: string;
  /** Workspace-relative display path. */
  path: string;
  newAbs?: string;
  newPath?: string;
  before: string | null;
  after: string | null;
}

/** What happened to a proposal. `content` is what is on disk afterwards (for the tool's answer). */
export type ChangeOutcome =
  | { isApplied: true; changeId: string; acceptedHunks?: number[]; content: string | null }
  | { isApplied: false; changeId: string; reason: string };

export interface ChangeProposer {
  propose(proposal: ChangeProposal): Promise<ChangeOutcome>;
}

/** Hash of the content a change was computed from; null for a file that did not exist. */
export function contentHash(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hunks between two texts, indexed for per-hunk review. */
export function computeHunks(path: string, before: string | null, after: string | null): DiffHunk[] {
  const patch = structuredPatch(path, path, before ?? '', after ?? '', '', '', { context: 3 });
  return patch.hunks.map((h, index) => ({ index, oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines }));
}

export interface PipelineOptions {
  files: WorkspaceFiles;
  gate: PermissionGate;
  task: TaskControl;
  emit(event: AgentEventInput): void;
  newId(): string;
}

/** The first pipeline: all-or-nothing approval with a stale-file check. (Issue 4 adds hunks and rebase.) */
export class ChangePipeline implements ChangeProposer {
  constructor(private readonly options: PipelineOptions) {}

  async propose(proposal: ChangeProposal): Promise<ChangeOutcome> {
    const changeId = this.options.newId();
    const view: ChangeView = {
      changeId, path: proposal.path, newPath: proposal.newPath, kind: proposal.kind,
      baseHash: contentHash(proposal.before), hunks: computeHunks(proposal.path, proposal.before, proposal.after), isBinary: false,
    };
    this.options.emit({ type: 'changeProposed', callId: proposal.callId, change: view });
    const paths = [proposal.abs, ...(proposal.newAbs ? [proposal.newAbs] : [])];
    const permission = await this.options.gate.check({
      callId: proposal.callId, risk: 'edit', toolName: proposal.toolName, title: `${proposal.kind} ${proposal.path}`,
      detail: describeChange(view), paths, change: view,
    });
    if (!permission.isAllowed) return this.rejected(proposal, changeId, permission.reason);
    if (permission.acceptedHunks && permission.acceptedHunks.length < view.hunks.length) {
      return this.rejected(proposal, changeId, 'Partial acceptance is not supported by this pipeline.');
    }
    const stale = await this.staleReason(proposal);
    if (stale) return this.rejected(proposal, changeId, stale);
    await this.write(proposal);
    this.options.task.recordEdit(proposal.abs);
    this.options.emit({ type: 'changeApplied', callId: proposal.callId, changeId, path: proposal.path });
    return { isApplied: true, changeId, content: proposal.after };
  }

  private rejected(proposal: ChangeProposal, changeId: string, reason: string): ChangeOutcome {
    this.options.emit({ type: 'changeRejected', callId: proposal.callId, changeId, path: proposal.path, reason });
    return { isApplied: false, changeId, reason };
  }

  private async staleReason(proposal: ChangeProposal): Promise<string | undefined> {
    const current = await readText(this.options.files, proposal.abs);
    if (current === proposal.before) return undefined;
    return `${proposal.path} changed since it was read; re-read it and compute the edit again.`;
  }

  private async write(proposal: ChangeProposal): Promise<void> {
    const { files } = this.options;
    if (proposal.kind === 'delete') return files.deleteFile(proposal.abs);
    if (proposal.kind === 'rename' && proposal.newAbs) return files.rename(proposal.abs, proposal.newAbs);
    await files.writeFile(proposal.abs, new TextEncoder().encode(proposal.after ?? ''));
  }
}

/** Reads a file as text, keeping a BOM; null when it does not exist. */
export async function readText(files: WorkspaceFiles, abs: string): Promise<string | null> {
  const stat = await files.stat(abs);
  if (!stat) return null;
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await files.readFile(abs));
}

function describeChange(view: ChangeView): string {
  const added = view.hunks.reduce((n, h) => n + h.lines.filter((l) => l.startsWith('+')).length, 0);
  const removed = view.hunks.reduce((n, h) => n + h.lines.filter((l) => l.startsWith('-')).length, 0);
  return `${view.kind} ${view.path}: +${added} -${removed} in ${view.hunks.length} hunk(s)`;
}
