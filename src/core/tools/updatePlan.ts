/** update_plan: the model's checklist for the goals, shown live to the user and re-shown to the model each round. */
import { z } from 'zod';
import { defineTool } from './tool';

const description = `Write or replace your plan: an ordered checklist of concrete steps toward the goals.
Call it first, before any other work, and again whenever a step starts, finishes or the plan must change. Keep steps short and verifiable; the last step should be checking the work (tests or the goal's check). Exactly one step should be in_progress while you work on it.`;

export const updatePlanTool = defineTool({
  name: 'update_plan',
  description,
  schema: z.object({
    steps: z.array(z.object({
      text: z.string().min(1).max(300).describe('What this step does, in a few words.'),
      status: z.enum(['pending', 'in_progress', 'done', 'skipped']).describe('Where the step stands.'),
    })).min(1).max(30).describe('The whole plan, in order. It replaces the previous plan.'),
    note: z.string().max(500).optional().describe('Why the plan changed, if it did (shown to the user).'),
  }),
  risk: 'read',
  label: () => 'Updated the plan',
  isTaskControl: true,
  async run({ steps, note }, ctx) {
    ctx.task.updatePlan(steps, note);
    const done = steps.filter((s) => s.status === 'done').length;
    return { output: `Plan updated: ${steps.length} steps, ${done} done.` };
  },
});
