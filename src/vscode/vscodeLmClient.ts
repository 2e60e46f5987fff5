/**
 * The adapter for VS Code's Language Model API: any chat model VS Code offers (Copilot's, or one another
 * extension registers) behind the engine's LlmClient seam, with no API key. The engine's messages become
 * LanguageModelChatMessages here and nowhere else: the system prompt rides in the first user turn (the API has
 * no system role), tool calls are LanguageModelToolCallParts, tool results LanguageModelToolResultParts in the
 * next user turn. Token counts come from the model's own `countTokens` (the API reports no usage). The first
 * request shows VS Code's consent prompt; a refusal is a typed `forbidden` error naming what to do.
 */
import * as vscode from 'vscode';
import type { ChatRequest, ChatResponse, LlmClient } from '../core/llm/llmClient';
import { LlmError } from '../core/llm/llmErrors';
import type { ChatMessage, ImageAttachment, ToolCall, ToolSpec } from '../core/llm/messages';
import { costOf, priceFor } from '../core/llm/pricing';
import type { ModelPrice } from '../core/settings';

/** Why the agent asks for a model: VS Code shows it in the consent prompt. */
export const consentJustification = 'Auto Agent runs your coding tasks with this model: it plans, reads and edits files, and runs your tests.';

/** The `provider` value of VS Code's own language models. */
export const vscodeProvider = 'vscode';

type Part = vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart | vscode.LanguageModelToolCallPart;

/** A VS Code chat model as the engine sees it. */
export class VscodeLmClient implements LlmClient {
  readonly model: string;
  /** What the model says of itself: the window VS Code gives (the user's setting still wins). */
  readonly contextWindow: number;
  /** Newer VS Code versions say whether the model takes images (`capabilities`, not in the 1.95 API). */
  readonly hasVision?: boolean;

  constructor(private readonly chat: vscode.LanguageModelChat, private readonly prices: Record<string, ModelPrice> = {}) {
    this.model = chat.id;
    this.contextWindow = chat.maxInputTokens;
    const capabilities = (chat as { capabilities?: { supportsImageToText?: unknown } }).capabilities;
    if (typeof capabilities?.supportsImageToText === 'boolean') this.hasVision = capabilities.supportsImageToText;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    if (request.signal.aborted) throw cancelled();
    const source = new vscode.CancellationTokenSource();
    const onAbort = (): void => source.cancel();
    request.signal.addEventListener('abort', onAbort);
    try {
      const messages = toVscodeMessages(request.messages);
      const options: vscode.LanguageModelChatRequestOptions = { justification: consentJustification, tools: request.tools.map(toVscodeTool) };
      const response = await this.chat.sendRequest(messages, options, source.token);
      const answer = await readStream(response, request);
      if (request.signal.aborted) throw cancelled();
      return await this.finish(answer, messages, request.tools, source.token);
    } catch (err) {
      throw request.signal.aborted ? cancelled() : toVscodeLlmError(err, this.chat);
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      source.dispose();
    }
  }

  /** Every chat model VS Code offers now, as `id`s (the picker shows their names). */
  async listModels(): Promise<string[]> {
    return (await vscode.lm.selectChatModels()).map((m) => m.id).sort();
  }

  private async finish(answer: StreamedAnswer, sent: vscode.LanguageModelChatMessage[], tools: readonly ToolSpec[], token: vscode.CancellationToken): Promise<ChatResponse> {
    const counts = await Promise.all(sent.map((m) => this.chat.countTokens(m, token)));
    const toolTokens = tools.length ? await this.chat.countTokens(JSON.stringify(tools), token) : 0;
    const answerText = answer.text + answer.toolCalls.map((c) => c.name + c.arguments).join('');
    const usage = {
      promptTokens: counts.reduce((a, b) => a + b, 0) + toolTokens,
      completionTokens: answerText ? await this.chat.countTokens(answerText, token) : 0,
      cachedTokens: 0,
    };
    return {
      text: answer.text, toolCalls: answer.toolCalls, finishReason: answer.toolCalls.length ? 'tool_calls' : 'stop',
      usage: { ...usage, costUsd: costOf(usage, priceFor(this.model, this.prices)) },
    };
  }
}

interface StreamedAnswer {
  text: string;
  toolCalls: ToolCall[];
}

async function readStream(response: vscode.LanguageModelChatResponse, request: ChatRequest): Promise<StreamedAnswer> {
  const answer: StreamedAnswer = { text: '', toolCalls: [] };
  for await (const part of response.stream) {
    if (request.signal.aborted) break;
    if (part instanceof vscode.LanguageModelTextPart) {
      answer.text += part.value;
      request.onText?.(part.value);
    } else if (part instanceof vscode.LanguageModelToolCallPart) {
      answer.toolCalls.push({ id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) });
    }
  }
  return answer;
}

function toVscodeTool(tool: ToolSpec): vscode.LanguageModelChatTool {
  return { name: tool.function.name, description: tool.function.description, inputSchema: tool.function.parameters };
}

/**
 * The engine's conversation as VS Code messages. The API has only user and assistant roles: system text goes
 * into a user turn (marked, after the start), and consecutive user parts are one turn, so every tool result
 * sits in the user message right after the assistant message that called it, as the API wants.
 */
export function toVscodeMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const turns: { role: 'user' | 'assistant'; parts: Part[] }[] = [];
  const addUser = (part: Part): void => {
    const last = turns[turns.length - 1];
    if (last?.role === 'user') last.parts.push(part);
    else turns.push({ role: 'user', parts: [part] });
  };
  for (const [index, message] of messages.entries()) {
    if (message.role === 'assistant') turns.push({ role: 'assistant', parts: assistantParts(message.content, message.toolCalls ?? []) });
    else if (message.role === 'tool') addUser(new vscode.LanguageModelToolResultPart(message.toolCallId, [new vscode.LanguageModelTextPart(message.content)]));
    else if (message.role === 'system') addUser(new vscode.LanguageModelTextPart(index === 0 ? message.content : `[system note] ${message.content}`));
    else addUser(new vscode.LanguageModelTextPart(message.content));
    if ((message.role === 'user' || message.role === 'tool') && message.images?.length) imageParts(message.images).forEach(addUser);
  }
  return turns.map((turn) => turn.role === 'user'
    ? vscode.LanguageModelChatMessage.User(turn.parts as (vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart)[])
    : vscode.LanguageModelChatMessage.Assistant(turn.parts as (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[]));
}

/** What the data-part constructor of newer VS Code versions looks like (absent from the 1.95 API we build on). */
interface DataPartClass { image(data: Uint8Array, mimeType: string): Part }

/** Images as data parts where this VS Code has them; otherwise a note, so the model knows they were there. */
function imageParts(images: readonly ImageAttachment[]): Part[] {
  const dataPart = (vscode as unknown as { LanguageModelDataPart?: DataPartClass }).LanguageModelDataPart;
  if (!dataPart) return [new vscode.LanguageModelTextPart(`[${images.length} image(s) not sent: this VS Code cannot pass images to language models.]`)];
  return images.map((image) => dataPart.image(Uint8Array.from(atob(image.data), (c) => c.charCodeAt(0)), image.mediaType));
}

function assistantParts(content: string | null, calls: readonly ToolCall[]): Part[] {
  const parts: Part[] = content ? [new vscode.LanguageModelTextPart(content)] : [];
  for (const call of calls) parts.push(new vscode.LanguageModelToolCallPart(call.id, call.name, inputOf(call.arguments)));
  // An empty assistant turn still holds its place (some models reject one with no content).
  return parts.length ? parts : [new vscode.LanguageModelTextPart('(no answer)')];
}

/** The arguments as an object: malformed JSON (already reported to the model as an error) is sent as `{}`. */
function inputOf(text: string): object {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function cancelled(): LlmError {
  return new LlmError('cancelled', 'The request was cancelled.');
}

/** LanguageModelError codes (and whatever else the model threw) as the engine's typed errors. */
export function toVscodeLlmError(err: unknown, chat: Pick<vscode.LanguageModelChat, 'id' | 'name'>): LlmError {
  if (err instanceof LlmError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof vscode.CancellationError) return cancelled();
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      return new LlmError('forbidden', `VS Code did not allow Auto Agent to use "${chat.name}" (${message}). Allow it when VS Code asks, or pick another model with "Auto Agent: Select Model".`);
    }
    if (err.code === vscode.LanguageModelError.NotFound.name) return new LlmError('model_not_found', `VS Code no longer offers the model "${chat.id}" (${message}). Pick one with "Auto Agent: Select Model".`);
    if (err.code === vscode.LanguageModelError.Blocked.name) return new LlmError('rate_limited', `VS Code blocked the request to "${chat.name}" (quota or rate limit): ${message}`);
  }
  if (/context|too long|too many tokens/i.test(message)) return new LlmError('context_overflow', `The conversation is longer than the model's context window: ${message}`);
  return new LlmError('server', `The model "${chat.name}" failed: ${message}`);
}

/** The VS Code chat model with this id, or a typed error naming what to do when VS Code offers none. */
export async function selectVscodeModel(id: string, prices?: Record<string, ModelPrice>): Promise<VscodeLmClient> {
  const [chat] = await vscode.lm.selectChatModels({ id });
  if (!chat) throw new LlmError('model_not_found', `VS Code offers no chat model "${id}" (is the extension that provides it installed and signed in?). Pick one with "Auto Agent: Select Model".`);
  return new VscodeLmClient(chat, prices);
}
