/**
 * The verified-finish rule: a finish is accepted only when the goals' own checks and the workspace's tests ran
 * green after the last applied edit. When they have not run since, the engine runs them itself.
 */
import type { Goal } from '../../protocol/events';
import type { ToolContext } from '../tools/tool';
import { runGatedCommand } from '../testing/runGatedCommand';
import { trimMiddle } from '../text/trimMiddle';
import type { TaskState } from './taskState';

/** Runs the workspace's tests for the verification; undefined when the workspace has no test command. */
export type WorkspaceTestRunner = (ctx: ToolContext) => Promise<{ isPassed: boolean; command: string; summary: string; output?: string } | { error: string } | undefined>;

export interface VerificationOutcome {
  isPassed: boolean;
  /** False when there was nothing to check with: no test command and no goal check. */
  isVerifiable: boolean;
  evidence: string;
}

/** Checks the work before a finish; records each check on the task. */
export async function verifyBeforeFinish(options: { ctx: ToolContext; task: TaskState; goals: readonly Goal[]; runTests: WorkspaceTestRunner }): Promise<VerificationOutcome> {
  const { ctx, task, goals, runTests } = options;
  const failures: string[] = [];
  let checksRun = 0;
  for (const goal of goals.filter((g) => g.successCriterion)) {
    const outcome = await runGatedCommand(ctx, { command: goal.successCriterion as string, cwd: ctx.roots[0], toolName: 'verification', purpose: `The goal's own check: ${goal.text}`, isUserAuthored: true });
    checksRun++;
    if (outcome.isRefused) return { isPassed: false, isVerifiable: true, evidence: `The check "${goal.successCriterion}" was not allowed to run: ${outcome.reason}` };
    const isPassed = outcome.result.exitCode === 0;
    const blocked = outcome.sandboxNotes.length > 0 ? `\n${outcome.sandboxNotes.join('\n')}` : '';
    const summary = isPassed ? 'exit 0' : `exit ${outcome.result.exitCode ?? outcome.result.signal}: ${trimMiddle(outcome.output, 3000).text}${blocked}`;
    task.recordVerification({ isPassed, command: goal.successCriterion as string, summary });
    if (!isPassed) failures.push(`The goal's check \`${goal.successCriterion}\` failed (${summary}).`);
  }
  if (failures.length > 0) return { isPassed: false, isVerifiable: true, evidence: failures.join('\n') };
  if (!task.isVerifiedSinceLastEdit || checksRun > 0) {
    const tests = await runTests(ctx);
    if (tests && 'error' in tests) return { isPassed: false, isVerifiable: true, evidence: `The tests could not be run: ${tests.error}` };
    if (tests) {
      task.recordVerification({ isPassed: tests.isPassed, command: tests.command, summary: tests.summary });
      checksRun++;
      if (!tests.isPassed) return { isPassed: false, isVerifiable: true, evidence: `The tests failed (\`${tests.command}\`):\n${tests.output ?? tests.summary}` };
    }
  }
  if (checksRun === 0 && !task.isVerifiedSinceLastEdit) {
    return { isPassed: true, isVerifiable: false, evidence: 'No test command was found and the goals name no check, so the work could not be verified.' };
  }
  const last = task.lastVerification;
  return { isPassed: true, isVerifiable: true, evidence: last ? `Checks passed (${last.command}: ${last.summary}).` : 'Checks passed.' };
}
