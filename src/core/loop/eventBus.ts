/**
 * Stamps, redacts and fans out the task's events, and writes them with the conversation's messages to the
 * JSONL transcript. Redaction happens here, once, before anything leaves the engine.
 */
import type { AgentEvent, AgentEventInput } from '../../protocol/events';
import type { TranscriptWriter } from '../host';
import { redactValue } from '../policy/redact';

/** One line of a task transcript. */
export type TranscriptRecord =
  | { kind: 'meta'; taskId: string; version: 1; startedAt: number; goals: unknown; model: string; roots: readonly string[] }
  | { kind: 'event'; event: AgentEvent }
  | { kind: 'message'; message: unknown };

export class EventBus {
  private seq = 0;
  /** Set when the task is interrupted: the transcript keeps what happened before, nothing the teardown causes. */
  private isFrozen = false;

  constructor(
    private readonly transcript: TranscriptWriter,
    private readonly listener: (event: AgentEvent) => void,
    private readonly secrets: readonly string[],
  ) {}

  emit = (input: AgentEventInput): void => {
    const event = redactValue({ ...input, seq: this.seq++, at: Date.now() } as AgentEvent, this.secrets);
    if (!this.isFrozen) this.transcript.append({ kind: 'event', event } satisfies TranscriptRecord);
    try {
      this.listener(event);
    } catch {
      // A host's rendering failure must not stop the agent; the event is already in the transcript.
    }
  };

  /** Records a conversation message for review and resume. */
  recordMessage(message: unknown): void {
    if (this.isFrozen) return;
    this.transcript.append({ kind: 'message', message: redactValue(message, this.secrets) } satisfies TranscriptRecord);
  }

  recordMeta(meta: Omit<Extract<TranscriptRecord, { kind: 'meta' }>, 'kind' | 'version'>): void {
    this.transcript.append(redactValue({ kind: 'meta', version: 1, ...meta }, this.secrets));
  }

  /** Stops writing the transcript (events still reach the listener): see interruption.ts. */
  freeze(): void {
    this.isFrozen = true;
  }

  close(): Promise<void> {
    return this.transcript.close();
  }

  get location(): string {
    return this.transcript.location;
  }
}
