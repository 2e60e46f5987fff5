/** The webview side of the host connection: posts typed messages and validates every inbound one with zod. */
import type * as z from 'zod/mini';
import { parseMessage } from '../protocol/webview';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Bridge<Out, State> {
  post(message: Out): void;
  state(): Partial<State>;
  saveState(patch: Partial<State>): void;
}

/** Connects once per page. Messages that fail validation are dropped (and logged to the webview console). */
export function connect<In, Out, State extends object>(schema: z.ZodMiniType<In>, onMessage: (message: In) => void): Bridge<Out, State> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseMessage(schema, event.data);
    if (message) onMessage(message);
    else console.warn('Auto Agent: dropped an invalid message', event.data);
  });
  let state = (api.getState() ?? {}) as Partial<State>;
  return {
    post: (message) => api.postMessage(message),
    state: () => state,
    saveState: (patch) => {
      state = { ...state, ...patch };
      api.setState(state);
    },
  };
}

/**
 * The first message the host embedded in the page (inert JSON), validated like every other inbound message, and
 * the load id to echo in `webview/ready`. Undefined when there is none or it does not validate.
 */
export function embeddedMessage<In>(schema: z.ZodMiniType<In>): { message: In; loadId: string } | undefined {
  const el = document.getElementById('initial-message');
  if (!el?.textContent) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(el.textContent);
  } catch {
    raw = undefined;
  }
  const message = parseMessage(schema, raw);
  if (!message) console.warn('Auto Agent: dropped an invalid embedded message');
  return message && { message, loadId: el.getAttribute('data-load-id') ?? '' };
}
