/**
 * The conversation sent to the model: a fixed prefix (system prompt, goals) that never changes so provider
 * prompt caching works, an optional summary of condensed rounds, and the recent rounds. Condensing is a pure,
 * deterministic step, so it can never loop or itself overflow; a condensing model's summary may be added beside
 * its lines afterwards, never in their place.
 */
import type { ChatMessage } from '../llm/messages';
import { revealInvisible } from '../text/revealInvisible';
import { frameToolResult, userWordsHeader } from './prompts';

type Message = ChatMessage;

/** Characters per token for estimates; errs on the high side for code. */
const charsPerToken = 3.5;
const maxToolResultChars = 24_000;
/** The condensing model's summary stays small: it rides in every later request. */
const maxModelSummaryChars = 6_000;

/** One model round: the assistant message and the tool results and notes that followed it. */
interface Round {
  messages: Message[];
  chars: number;
}

export class Conversation {
  private rounds: Round[] = [];
  private summaryLines: string[] = [];
  /** The condensing model's summary of the condensed rounds, beside the deterministic lines (never instead). */
  private modelSummary: { model: string; text: string } | undefined;
  /** The messages condensed since the last `takeCondensed`, for a condensing model to summarise. */
  private condensed: Message[] = [];

  /** `onMessage` sees every message added after the prefix (the transcript records them). */
  constructor(
    private readonly prefix: readonly Message[],
    private readonly onMessage: (message: Message) => void = () => undefined,
  ) {}

  startRound(): void {
    this.rounds.push({ messages: [], chars: 0 });
  }

  add(message: Message): void {
    if (this.rounds.length === 0) this.startRound();
    const round = this.rounds[this.rounds.length - 1];
    round.messages.push(message);
    round.chars += sizeOf(message);
    this.onMessage(message);
  }

  /** The messages of one request: prefix, summary, rounds, then the ephemeral reflection note. */
  toRequest(ephemeral?: string): Message[] {
    const summary: Message[] = this.summaryLines.length ? [{ role: 'user', content: this.summaryText() }] : [];
    const tail: Message[] = ephemeral ? [{ role: 'user', content: ephemeral, isEphemeral: true }] : [];
    return [...this.prefix, ...summary, ...this.rounds.flatMap((r) => r.messages), ...tail];
  }

  private summaryText(): string {
    const lines = `Summary of earlier work (older rounds were condensed to save context):\n${this.summaryLines.join('\n')}`;
    if (!this.modelSummary) return lines;
    const fenced = frameToolResult('condense', this.modelSummary.text, false);
    return `${lines}\n\nThe same rounds as summarised by ${this.modelSummary.model} (the lines above are the recorded facts; they win where the two differ):\n${fenced}`;
  }

  /** The previous model summary, if any (the condensing model extends it rather than starting over). */
  get previousModelSummary(): string | undefined {
    return this.modelSummary?.text;
  }

  /** Sets the condensing model's summary of everything condensed so far (cut to `maxModelSummaryChars`). */
  setModelSummary(model: string, text: string): void {
    const cut = text.length > maxModelSummaryChars ? `${text.slice(0, maxModelSummaryChars)} […]` : text;
    this.modelSummary = cut.trim() ? { model, text: cut.trim() } : this.modelSummary;
  }

  /** The messages condensed since the last call. */
  takeCondensed(): Message[] {
    return this.condensed.splice(0);
  }

  estimateTokens(): number {
    const summaryChars = this.summaryLines.join('\n').length + (this.modelSummary?.text.length ?? 0);
    const chars = this.prefix.reduce((n, m) => n + sizeOf(m), 0) + summaryChars + this.rounds.reduce((n, r) => n + r.chars, 0);
    return Math.ceil(chars / charsPerToken);
  }

  /** All messages after the prefix, for the transcript and for resume. */
  get history(): Message[] {
    return this.rounds.flatMap((r) => r.messages);
  }

  /**
   * Drops the oldest rounds into the summary until the estimate is at most `targetTokens`, keeping the last
   * `keepRounds`. Returns how many messages were removed (0 when nothing could be).
   */
  condense(targetTokens: number, keepRounds = 2): number {
    let removed = 0;
    while (this.estimateTokens() > targetTokens && this.rounds.length > keepRounds) {
      const round = this.rounds.shift() as Round;
      this.summaryLines.push(...summarizeRound(round.messages));
      this.condensed.push(...round.messages);
      removed += round.messages.length;
    }
    if (this.summaryLines.length > 200) this.summaryLines = ['(earlier summary lines dropped)', ...this.summaryLines.slice(-150)];
    return removed;
  }
}

/** Cuts a huge tool output to its head and tail with a note on how to see the rest. */
export function truncateToolOutput(output: string, maxChars = maxToolResultChars): string {
  if (output.length <= maxChars) return output;
  const head = output.slice(0, Math.floor(maxChars * 0.6));
  const tail = output.slice(output.length - Math.floor(maxChars * 0.4));
  const omitted = output.length - head.length - tail.length;
  return `${head}\n\n[… ${omitted} characters omitted to fit the context; use a line range or a narrower search to see them …]\n\n${tail}`;
}

const imageTokens = 1500;

function sizeOf(message: Message): number {
  const content = message.content?.length ?? 0;
  const calls = message.role === 'assistant' && message.toolCalls ? JSON.stringify(message.toolCalls).length : 0;
  const reasoning = message.role === 'assistant' ? message.reasoning?.length ?? 0 : 0;
  // An image costs the model about as much as 1,500 tokens of text, whatever its base64 length.
  const images = (message.role === 'user' || message.role === 'tool') && message.images ? message.images.length * imageTokens * charsPerToken : 0;
  return content + calls + reasoning + images + 16;
}

/** One line per tool call and per assistant note: enough to remember what was done and learned. */
function summarizeRound(messages: Message[]): string[] {
  const lines: string[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const text = typeof message.content === 'string' ? message.content.trim() : '';
      if (text) lines.push(`- You noted: ${clip(text, 200)}`);
      for (const call of message.toolCalls ?? []) lines.push(`- You called ${call.name}(${clip(call.arguments, 160)})`);
    } else if (message.role === 'tool') {
      const text = typeof message.content === 'string' ? message.content : '';
      // Quoted as a JSON string: the snippet is tool output (already revealed), kept from posing as summary lines.
      if (/status="error"/.test(text)) lines.push(`  → error (tool output): ${JSON.stringify(clip(text.replace(/<[^>]+>/g, '').trim(), 160))}`);
    } else if (message.role === 'user' && typeof message.content === 'string' && message.content.startsWith(userWordsHeader)) {
      lines.push(`- ${clip(message.content, 400)}`);
    }
  }
  return lines;
}

/** One line of the summary: whitespace flattened, invisible characters shown (call arguments quote files too). */
function clip(text: string, max: number): string {
  const flat = revealInvisible(text.replace(/\s+/g, ' ')).text;
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
