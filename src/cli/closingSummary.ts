/**
 * What a task did, gathered from its events for the closing lines: the files changed, the checks that ran and
 * how they ended, and, for a task that stopped, the command that resumes it.
 */
import type { AgentEvent } from '../protocol/events';
import type { Style } from './terminalStyle';

export class ClosingSummary {
  private taskId = '';
  private readonly changed = new Set<string>();
  /** The last result of each check command, in the order they first ran. */
  private readonly checks = new Map<string, boolean>();

  note(event: AgentEvent): void {
    if (event.type === 'taskStarted') this.taskId = event.taskId;
    if (event.type === 'changeApplied') this.changed.add(event.path);
    if (event.type === 'verificationRan') this.checks.set(event.command, event.passed);
  }

  render(finished: Extract<AgentEvent, { type: 'taskFinished' }>, style: Style): string {
    const lines: string[] = [];
    const files = [...this.changed];
    lines.push(files.length ? `Files changed (${files.length}): ${files.join(', ')}` : 'Files changed: none');
    const checks = [...this.checks].map(([command, passed]) => (passed ? style.green(`✓ ${command}`) : style.red(`✗ ${command}`)));
    lines.push(checks.length ? `Checks: ${checks.join('  ')}` : 'Checks: none ran');
    if (finished.reason !== 'completed' && this.taskId) lines.push(`To continue this task: auto-agent run --resume ${this.taskId}`);
    return lines.join('\n');
  }
}
