/**
 * The engine's messages in OpenAI's chat-completions wire format, the one place that conversion happens. What a
 * provider attached (Gemini's `extra_content` on a call, the field its reasoning came in, OpenRouter's
 * `reasoning_details`) goes back only to the endpoint whose key it carries.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AssistantMessage, ChatMessage, ToolCall } from './messages';
import type { ReasoningField } from './openAiStream';

/** What this adapter keeps on an assistant message under its own provider key. */
export interface AssistantWireData {
  reasoningField?: ReasoningField;
  reasoning_details?: unknown[];
}

/** The request's `messages`, for the endpoint named by `providerKey`; `omit` names echoed fields it rejected. */
export function toWireMessages(messages: readonly ChatMessage[], providerKey: string, omit: ReadonlySet<string> = new Set()): ChatCompletionMessageParam[] {
  return messages.map((message) => {
    switch (message.role) {
      case 'system':
      case 'user': return { role: message.role, content: message.content };
      case 'tool': return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
      case 'assistant': return toWireAssistant(message, providerKey, omit);
    }
  });
}

/**
 * Reasoning goes back on turns that called tools, in the field it came in, and only to the endpoint that gave
 * it: DeepSeek's thinking mode rejects a tool turn without its `reasoning_content` (400), OpenRouter asks for
 * `reasoning_details` to continue reasoning across tool calls, Ollama recommends sending `reasoning` back. A
 * turn without tool calls needs none, and a strict server (vLLM) is never sent a field it did not produce.
 */
function toWireAssistant(message: AssistantMessage, providerKey: string, omit: ReadonlySet<string>): ChatCompletionMessageParam {
  const calls = message.toolCalls ?? [];
  const own = (message.metadata?.[providerKey] ?? {}) as AssistantWireData;
  const echo: Record<string, unknown> = {};
  if (calls.length && own.reasoningField) echo[own.reasoningField] = message.reasoning ?? '';
  if (calls.length && own.reasoning_details) echo.reasoning_details = own.reasoning_details;
  for (const field of omit) delete echo[field];
  return {
    role: 'assistant', content: message.content,
    ...(calls.length ? { tool_calls: calls.map((call) => toWireCall(call, providerKey)) } : {}),
    ...echo,
  } as ChatCompletionMessageParam;
}

function toWireCall(call: ToolCall, providerKey: string): { id: string; type: 'function'; function: { name: string; arguments: string } } {
  const own = call.metadata?.[providerKey] ?? {};
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments }, ...own };
}
