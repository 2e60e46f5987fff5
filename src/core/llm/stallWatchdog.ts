/** Aborts a model request when its stream is silent for too long, and forwards the user's Stop. Any adapter can use it. */
export class StallWatchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fired = false;
  private readonly onUserAbort = (): void => this.controller.abort();

  constructor(readonly idleMs: number, private readonly userSignal: AbortSignal) {
    if (userSignal.aborted) this.controller.abort();
    else userSignal.addEventListener('abort', this.onUserAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get hasFired(): boolean {
    return this.fired;
  }

  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.idleMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.userSignal.removeEventListener('abort', this.onUserAbort);
  }
}
