/**
 * The engine's messages in OpenAI's chat-completions wire format, the one place that conversion happens. What a
 * provider attached (Gemini's `extra_content` on a call, the field its reasoning came in, OpenRouter's
 * `reasoning_details`) goes back only to the endpoint whose key it carries.
 */
import type { ChatCompletionContentPartImage, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AssistantMessage, ChatMessage, ImageAttachment, ToolCall } from './messages';
import type { ReasoningField } from './openAiStream';

/** What this adapter keeps on an assistant message under its own provider key. */
export interface AssistantWireData {
  reasoningField?: ReasoningField;
  reasoning_details?: unknown[];
}

/** The request's `messages`, for the endpoint named by `providerKey`; `omit` names echoed fields it rejected. */
export function toWireMessages(messages: readonly ChatMessage[], providerKey: string, omit: ReadonlySet<string> = new Set()): ChatCompletionMessageParam[] {
  const wire: ChatCompletionMessageParam[] = [];
  // A tool message carries text only: its images follow, in one user message after the run of tool results
  // (a user message between two results would orphan the second).
  let toolImages: ImageAttachment[] = [];
  const flushToolImages = (): void => {
    if (toolImages.length) wire.push({ role: 'user', content: [{ type: 'text', text: 'The images the tool results above refer to:' }, ...toolImages.map(imagePart)] });
    toolImages = [];
  };
  for (const message of messages) {
    if (message.role !== 'tool') flushToolImages();
    switch (message.role) {
      case 'system': wire.push({ role: 'system', content: message.content }); break;
      case 'user': wire.push(message.images?.length
        ? { role: 'user', content: [{ type: 'text', text: message.content }, ...message.images.map(imagePart)] }
        : { role: 'user', content: message.content }); break;
      case 'tool':
        wire.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content });
        toolImages.push(...(message.images ?? []));
        break;
      case 'assistant': wire.push(toWireAssistant(message, providerKey, omit)); break;
    }
  }
  flushToolImages();
  return wire;
}

/** An image as OpenAI's `image_url` part: a data URL. */
function imagePart(image: ImageAttachment): ChatCompletionContentPartImage {
  return { type: 'image_url', image_url: { url: `data:${image.mediaType};base64,${image.data}` } };
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
