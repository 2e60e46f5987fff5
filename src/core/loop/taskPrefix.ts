/**
 * The fixed prefix of a task's conversation: the system prompt, the project's instructions, the notes recalled
 * from memory for these goals, and the goals. Built once at the start, so prompt caching keeps working.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { goalsMessage, memoryMessage, projectInstructionsMessage, systemPrompt } from './prompts';
import type { TaskOptions } from './runTask';

export function taskPrefix(options: TaskOptions): ChatCompletionMessageParam[] {
  const instructions = options.instructions && projectInstructionsMessage(options.instructions.files, options.instructions.notes);
  const recalled = options.recalled && options.recalled.length ? memoryMessage(options.recalled) : undefined;
  return [
    { role: 'system', content: systemPrompt({ roots: options.roots, platform: options.host.platform, repoMap: options.repoMap }) },
    ...(instructions ? [{ role: 'user' as const, content: instructions }] : []),
    ...(recalled ? [{ role: 'user' as const, content: recalled }] : []),
    { role: 'user', content: goalsMessage(options.goals) },
  ];
}
