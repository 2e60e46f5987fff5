/**
 * The fixed prefix of a task's conversation: the system prompt, the project's instructions, the repository map,
 * the notes recalled from memory for these goals, and the goals. Built once at the start, so prompt caching keeps
 * working; the most stable parts come first.
 */
import type { ChatMessage } from '../llm/messages';
import type { AgentDefinition } from '../agents/agentDefinition';
import { agentRoleMessage, goalsMessage, memoryMessage, projectInstructionsMessage, repoMapMessage, systemPrompt } from './prompts';
import type { TaskOptions } from './runTask';
import { noVisionNote } from '../tools/imageFile';

/** The goals' message, with their images for a model that takes them, or a note of them for one that does not. */
function goalsTurn(options: TaskOptions, hasVision: boolean): ChatMessage {
  const images = options.goals.flatMap((goal) => goal.images ?? []);
  const text = goalsMessage(options.goals);
  if (!images.length) return { role: 'user', content: text };
  if (!hasVision) return { role: 'user', content: `${text}\n\n${noVisionNote(options.llm.model, images.map((image, i) => image.name ?? `image ${i + 1}`))}` };
  return { role: 'user', content: `${text}\n\nThe user attached ${images.length === 1 ? 'an image' : `${images.length} images`} to the goals (below).`, images };
}

/** `role`: the user-defined agent a sub-agent runs as; its instructions come after the project's. */
export function taskPrefix(options: TaskOptions, hasVision = false, role?: AgentDefinition): ChatMessage[] {
  const instructions = options.instructions && projectInstructionsMessage(options.instructions.files, options.instructions.notes);
  // The map quotes the workspace: under read: ask it would be a read nobody approved (repo_map still asks).
  const repoMap = options.settings.policy.read === 'auto' ? options.repoMap : undefined;
  const recalled = options.recalled && options.recalled.length ? memoryMessage(options.recalled) : undefined;
  return [
    { role: 'system', content: systemPrompt({ roots: options.roots, platform: options.host.platform }) },
    ...(instructions ? [{ role: 'user' as const, content: instructions }] : []),
    ...(role ? [{ role: 'user' as const, content: agentRoleMessage(role) }] : []),
    ...(repoMap ? [{ role: 'user' as const, content: repoMapMessage(repoMap) }] : []),
    ...(recalled ? [{ role: 'user' as const, content: recalled }] : []),
    goalsTurn(options, hasVision),
  ];
}
