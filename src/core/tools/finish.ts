/** finish: the model declares the goals met. The loop verifies before it accepts (see loop/verification.ts). */
import { z } from 'zod';
import { defineTool } from './tool';

const description = `Declare the goals met and end the task. Call it only after your last edit was followed by passing checks (run_tests, or the goal's own check). The engine runs the checks itself if you have not, and refuses the finish with the failures if they do not pass.`;

export const finishTool = defineTool({
  name: 'finish',
  description,
  schema: z.object({
    summary: z.string().min(1).max(4000).describe('What you changed and how you verified it, for the user.'),
  }),
  risk: 'read',
  label: () => 'Asked to finish',
  isTaskControl: true,
  async run({ summary }, ctx) {
    ctx.task.requestFinish(summary);
    return { output: 'Finish requested; verifying the work before accepting.' };
  },
});
