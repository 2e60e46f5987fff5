/**
 * Wraps the engine's change pipeline: after a change is applied, the errors VS Code's language services newly
 * report for that file go back to the model as notes of the tool result, so it can fix what it just broke.
 */
import type { ChangeOutcome, ChangeProposal, ChangeProposer } from '../core/edits/changeProposer';
import type { DiagnosticsSource } from '../core/host';

export class DiagnosticsChangeProposer implements ChangeProposer {
  constructor(private readonly inner: ChangeProposer, private readonly diagnostics: DiagnosticsSource, private readonly signal?: AbortSignal) {}

  async propose(proposal: ChangeProposal): Promise<ChangeOutcome> {
    const outcome = await this.inner.propose(proposal);
    if (!outcome.isApplied || proposal.kind === 'delete') return outcome;
    const file = proposal.newAbs ?? proposal.abs;
    const errors = await this.diagnostics.errorsAfterEdit(file, this.signal).catch(() => []);
    if (errors.length === 0) return outcome;
    const note = `VS Code now reports ${errors.length === 1 ? 'an error' : 'errors'} in ${proposal.newPath ?? proposal.path} that were not there before:\n${errors.map((e) => `  ${e}`).join('\n')}`;
    return { ...outcome, notes: [...(outcome.notes ?? []), note] };
  }
}
