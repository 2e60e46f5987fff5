/** ask_user: a question only the user can answer; the loop waits for the answer. */
import { z } from 'zod';
import { defineTool } from './tool';

const description = `Ask the user a question and wait for the answer. Use it only when you are blocked by a decision or information that only the user has (which of two behaviours they want, a credential-free setting, an ambiguous requirement). Do not ask for permission to act: the tools already ask the user where needed.`;

export const askUserTool = defineTool({
  name: 'ask_user',
  description,
  schema: z.object({
    question: z.string().min(1).max(2000).describe('One clear question, with the options if there are any.'),
  }),
  risk: 'read',
  label: () => 'Asked you a question',
  isTaskControl: true,
  async run({ question }, ctx) {
    const answer = await ctx.host.approvals.askQuestion(question, ctx.signal);
    if (answer.trim() === '') return { output: 'The user gave no answer. Decide sensibly yourself and say what you chose.' };
    // The answer is the user's, not data: it goes to the model as their own message, outside this result's fence.
    ctx.task.relayUserWords({ callId: ctx.callId, toolName: 'ask_user', kind: 'answer', text: answer });
    return { output: 'The user answered; their answer follows as their own message.' };
  },
});
