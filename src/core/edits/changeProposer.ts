/**
 * The change pipeline every file-changing tool goes through: compute the diff, show it, get permission (whole or
 * per hunk), re-check the base, write atomically, record the edit. Nothing reaches disk without passing here.
 */
import { createHash } from 'node:crypto';
import { applyLineEdits, changeHunks, rebaseEdits, type ChangeHunk, type LineEdit } from './changeHunks';
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
  | { isApplied: true; changeId: string; acceptedHunks?: number[]; content: string | null; isRebased?: boolean; notes?: string[] }
  | { isApplied: false; changeId: string; reason: string };

/** Takes a proposed change through review and onto disk. */
export interface ChangeProposer {
  propose(proposal: ChangeProposal): Promise<ChangeOutcome>;
}

/** Hash of the content a change was computed from; null for a file that did not exist. */
export function contentHash(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hunks between two texts, indexed for per-hunk review (the same hunks a partial accept applies). */
export function computeHunks(_path: string, before: string | null, after: string | null): DiffHunk[] {
  return changeHunks(before ?? '', after ?? '').map((h) => h.view);
}

/** One path a change set touched, with the hash of its content just before the write (null: absent). */
export interface TouchedPath {
  abs: string;
  path: string;
  preWriteHash: string | null;
}

/** What the hooks learn about a change set that is about to be, or has been, written. */
export interface AppliedChangeInfo {
  changeId: string;
  callId: string;
  toolName: string;
  kind: ChangeKind;
  paths: TouchedPath[];
  acceptedHunks?: number[];
  isRebased: boolean;
}

/** What the pipeline needs; the hooks let a host checkpoint around every write (their failures never undo it). */
export interface PipelineOptions {
  files: WorkspaceFiles;
  gate: PermissionGate;
  task: TaskControl;
  emit(event: AgentEventInput): void;
  newId(): string;
  /** Called after approval, just before writing (e.g. to take a baseline checkpoint). */
  onBeforeApply?(info: AppliedChangeInfo): Promise<void>;
  /** Called after a change set was written (e.g. to create a checkpoint). */
  onApplied?(info: AppliedChangeInfo): Promise<void>;
}

/** The message a change gets when its file moved on in a way it cannot be rebased over. */
export const STALE_MESSAGE = 'file changed, re-read it';

/**
 * The pipeline: per-hunk review, a content-hash re-check before writing, a 3-way rebase over changes made since
 * the tool read the file (refused when they overlap), atomic writes, and hooks for checkpoints.
 */
export class ChangePipeline implements ChangeProposer {
  constructor(private readonly options: PipelineOptions) {}

  async propose(proposal: ChangeProposal): Promise<ChangeOutcome> {
    const changeId = this.options.newId();
    const hunks = changeHunks(proposal.before ?? '', proposal.after ?? '');
    const view: ChangeView = {
      changeId, path: proposal.path, newPath: proposal.newPath, kind: proposal.kind,
      baseHash: contentHash(proposal.before), hunks: hunks.map((h) => h.view), isBinary: false,
    };
    this.options.emit({ type: 'changeProposed', callId: proposal.callId, change: view });
    const paths = [proposal.abs, ...(proposal.newAbs ? [proposal.newAbs] : [])];
    const permission = await this.options.gate.check({
      callId: proposal.callId, risk: 'edit', toolName: proposal.toolName, title: `${proposal.kind} ${proposal.path}`,
      detail: describeChange(view), paths, change: view,
    });
    if (!permission.isAllowed) return this.rejected(proposal, changeId, permission.reason);
    const selected = selectHunks(proposal, hunks, permission.acceptedHunks);
    if (typeof selected === 'string') return this.rejected(proposal, changeId, selected);
    const target = await this.rebase(proposal, selected);
    if (typeof target === 'string') return this.rejected(proposal, changeId, target);
    return this.apply(proposal, changeId, { ...target, acceptedHunks: selected.accepted });
  }

  private async apply(proposal: ChangeProposal, changeId: string, target: Target & { acceptedHunks?: number[] }): Promise<ChangeOutcome> {
    const info: AppliedChangeInfo = {
      changeId, callId: proposal.callId, toolName: proposal.toolName, kind: proposal.kind, acceptedHunks: target.acceptedHunks,
      isRebased: target.isRebased, paths: await this.touched(proposal),
    };
    const notes: string[] = [];
    await this.runHook('onBeforeApply', info, notes);
    await this.write(proposal, target.content);
    this.options.task.recordEdit(proposal.abs);
    if (proposal.newAbs) this.options.task.recordEdit(proposal.newAbs);
    this.options.emit({ type: 'changeApplied', callId: proposal.callId, changeId, path: proposal.path, acceptedHunks: target.acceptedHunks });
    await this.runHook('onApplied', info, notes);
    return {
      isApplied: true, changeId, acceptedHunks: target.acceptedHunks, content: target.content,
      ...(target.isRebased ? { isRebased: true } : {}), ...(notes.length ? { notes } : {}),
    };
  }

  private async runHook(name: 'onBeforeApply' | 'onApplied', info: AppliedChangeInfo, notes: string[]): Promise<void> {
    const hook = this.options[name];
    if (!hook) return;
    try {
      await hook.call(this.options, info);
    } catch (err) {
      notes.push(`${name === 'onApplied' ? 'Checkpoint after' : 'Checkpoint before'} this change failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async touched(proposal: ChangeProposal): Promise<TouchedPath[]> {
    const out: TouchedPath[] = [{ abs: proposal.abs, path: proposal.path, preWriteHash: contentHash(await readText(this.options.files, proposal.abs)) }];
    if (proposal.newAbs) {
      out.push({ abs: proposal.newAbs, path: proposal.newPath ?? proposal.newAbs, preWriteHash: contentHash(await readText(this.options.files, proposal.newAbs)) });
    }
    return out;
  }

  private rejected(proposal: ChangeProposal, changeId: string, reason: string): ChangeOutcome {
    this.options.emit({ type: 'changeRejected', callId: proposal.callId, changeId, path: proposal.path, reason });
    return { isApplied: false, changeId, reason };
  }

  /** Re-checks the base by hash; over a changed file, moves the accepted edits when they still apply cleanly. */
  private async rebase(proposal: ChangeProposal, selected: Selection): Promise<Target | string> {
    const current = await readText(this.options.files, proposal.abs);
    const stale = `${proposal.path} changed since it was read and the change no longer applies cleanly: ${STALE_MESSAGE}, then compute the edit again.`;
    if (proposal.newAbs && (await this.options.files.lstat(proposal.newAbs))) return `${proposal.newPath ?? proposal.newAbs} already exists; nothing was renamed.`;
    if (contentHash(current) === contentHash(proposal.before)) return { content: selected.content, isRebased: false };
    if (proposal.kind !== 'modify' || current === null || proposal.before === null || selected.content === null) return stale;
    const moved = rebaseEdits(proposal.before, current, selected.edits);
    if (!moved) return stale;
    return { content: applyLineEdits(current, moved), isRebased: true };
  }

  private async write(proposal: ChangeProposal, content: string | null): Promise<void> {
    const { files } = this.options;
    if (proposal.kind === 'delete') return files.deleteFile(proposal.abs);
    if (proposal.kind === 'rename' && proposal.newAbs) {
      await files.rename(proposal.abs, proposal.newAbs);
      if (content !== null && content !== proposal.before) await files.writeFile(proposal.newAbs, new TextEncoder().encode(content));
      return;
    }
    await files.writeFile(proposal.abs, new TextEncoder().encode(content ?? ''));
  }
}

interface Target {
  content: string | null;
  isRebased: boolean;
}

interface Selection {
  content: string | null;
  edits: LineEdit[];
  accepted?: number[];
}

/** The content of exactly the accepted hunks, or why a partial accept cannot apply. */
function selectHunks(proposal: ChangeProposal, hunks: readonly ChangeHunk[], accepted: number[] | undefined): Selection | string {
  const all = hunks.flatMap((h) => h.edits);
  if (!accepted) return { content: proposal.after, edits: all };
  const chosen = [...new Set(accepted)].filter((i) => i >= 0 && i < hunks.length).sort((a, b) => a - b);
  if (chosen.length === hunks.length) return { content: proposal.after, edits: all, accepted: chosen };
  if (chosen.length === 0) return 'No hunk of this change was accepted; nothing was written.';
  if (proposal.kind !== 'modify' || proposal.before === null) return `A ${proposal.kind} can only be accepted whole; nothing was written.`;
  const edits = chosen.flatMap((i) => hunks[i].edits);
  return { content: applyLineEdits(proposal.before, edits), edits, accepted: chosen };
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
