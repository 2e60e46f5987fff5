/**
 * The sidebar chat's engine: a question about the codebase answered with the model and the read-only tools.
 * Every side effect is refused by its own gate (it never asks), so it also works in Restricted Mode. It shares
 * the registry, framing, truncation and redaction with the agent loop; only the round limit and gate differ.
 * Under `read: ask` the chat reads nothing: it cannot ask, so it gets no tools and says it answers without the code.
 */
import type { ChangeProposer } from '../edits/changeProposer';
import type { Host } from '../host';
import type { ChatResponse, LlmClient } from '../llm/llmClient';
import type { AssistantMessage, ChatMessage } from '../llm/messages';
import { WorkspacePathGuard } from '../policy/pathGuard';
import type { PermissionGate } from '../policy/permissionGate';
import { redactSecrets } from '../policy/redact';
import type { AgentSettings } from '../settings';
import { allTools } from '../tools';
import { ToolRegistry } from '../tools/registry';
import type { ToolContext } from '../tools/tool';
import { chatSystemPrompt } from './chatPrompt';
import { runToolCall, toolResultMessage } from './toolDispatch';
import { TaskState } from './taskState';

/** One earlier turn of the conversation. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ChatOptions {
  question: string;
  history: readonly ChatTurn[];
  host: Host;
  settings: AgentSettings;
  roots: readonly string[];
  llm: LlmClient;
  onText?: (delta: string) => void;
  signal: AbortSignal;
  /** Redacted from the answer and from tool output. */
  secrets?: readonly string[];
  /** Extra ToolContext members (the codebase index). */
  contextExtras?: Record<string, unknown>;
}

const maxRounds = 8;

/** Reads run without asking unless the user's read policy asks; the chat never asks, so then it refuses them too. */
function readOnlyGate(settings: AgentSettings): PermissionGate {
  return {
    check: async (request) => {
      if (request.risk !== 'read') return { isAllowed: false, reason: 'The chat is read-only; the user can hand this to the agent with "Start agent on this".', isUserDecision: false };
      if (settings.policy.read === 'ask') return { isAllowed: false, reason: 'Reads ask for approval in the user\'s settings, and the chat cannot ask.', isUserDecision: false };
      return { isAllowed: true };
    },
  };
}

const refusingChanges: ChangeProposer = {
  propose: async () => ({ isApplied: false, changeId: 'chat', reason: 'The chat is read-only.' }),
};

/** Answers one question; returns the final answer text (already streamed through `onText`). */
export async function runChat(options: ChatOptions): Promise<string> {
  const { host, settings, roots, signal, llm } = options;
  const secrets = options.secrets ?? [];
  const canRead = settings.policy.read === 'auto';
  const registry = new ToolRegistry(allTools).filter((t) => canRead && t.risk === 'read' && !t.isTaskControl);
  // Reads outside the workspace are refused without asking: the chat never opens approval prompts.
  const paths = new WorkspacePathGuard(roots, host.files, async () => false, host.homeDir);
  const task = new TaskState('chat', [{ text: options.question }], () => undefined);
  const base: ToolContext = {
    host, settings, roots, paths, permissions: readOnlyGate(settings), changes: refusingChanges, task, callId: '', signal,
    emit: () => undefined, ...options.contextExtras,
  };
  const messages: ChatMessage[] = [
    { role: 'system', content: chatSystemPrompt(roots, { canRead }) },
    ...options.history.map((t): ChatMessage => ({ role: t.role, content: t.text })),
    { role: 'user', content: options.question },
  ];
  for (let round = 0; round < maxRounds; round++) {
    const answer = await llm.complete({ messages, tools: registry.toOpenAiTools(), signal, onText: options.onText });
    if (answer.toolCalls.length === 0) return redactSecrets(answer.text, secrets);
    messages.push(assistantTurn(answer));
    for (const call of answer.toolCalls) {
      messages.push(toolResultMessage(call, await runToolCall(registry, call, { ...base, callId: call.id }), secrets).message);
    }
  }
  return 'I could not finish looking this up within the chat\'s tool budget. Ask a narrower question, or start the agent on it.';
}

/** The answer as the conversation keeps it; reasoning and provider metadata stay, for the adapter to send back. */
function assistantTurn(answer: ChatResponse): AssistantMessage {
  return { role: 'assistant', content: answer.text || null, toolCalls: answer.toolCalls, reasoning: answer.reasoning, metadata: answer.metadata };
}

