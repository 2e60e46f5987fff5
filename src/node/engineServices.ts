/**
 * Everything both hosts add to a task beyond the host itself: the safety rules (with the bash parser), the
 * workspace test runner for the finish rule. One place, so the CLI and VS Code run the same engine.
 */
import type { Host } from '../core/host';
import type { TaskOptions } from '../core/loop/runTask';
import type { WorkspaceTestRunner } from '../core/loop/verification';
import { defaultRules } from '../core/policy/defaultRules';
import type { AgentSettings } from '../core/settings';
import { detectTestCommand } from '../core/testing/detectTestCommand';
import { runWorkspaceTests } from '../core/testing/runWorkspaceTests';
import { createParser } from './grammars';

export interface EngineServicesOptions {
  host: Host;
  settings: AgentSettings;
  roots: string[];
}

/** The parts of TaskOptions that come from the engine's own services. */
export type EngineServices = Pick<TaskOptions, 'rules' | 'runTests'>;

export async function createEngineServices(options: EngineServicesOptions): Promise<EngineServices> {
  const { host, settings, roots } = options;
  const bashParser = await createParser('bash');
  return {
    rules: defaultRules({ settings, roots, files: host.files, homeDir: host.homeDir, bashParser }),
    runTests: workspaceTestRunner,
  };
}

/** Runs the detected tests for the finish rule; undefined when the workspace has no test command. */
export const workspaceTestRunner: WorkspaceTestRunner = async (ctx) => {
  if (!(await detectTestCommand(ctx.host.files, ctx.roots[0], ctx.settings.testCommand))) return undefined;
  return runWorkspaceTests(ctx, { isVerification: false });
};
