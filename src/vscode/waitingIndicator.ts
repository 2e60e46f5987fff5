/**
 * Says outside the panel that the agent waits for the user: a badge on the Auto Agent views (the activity bar
 * shows it) while anything waits, and one notification with a Review action when the user could not see the
 * request (the panel was hidden or the window unfocused). Plain logic over a small UI interface, so it is tested
 * without VS Code.
 */

export interface WaitingUi {
  /** Whether the user can see the panel now (visible and the window focused). */
  canSeePanel(): boolean;
  /** Shows `count` on the views' badge; 0 removes it. */
  setBadge(count: number, tooltip: string): void;
  /** Shows a notification; resolves true when the user picks `action`. */
  notify(text: string, action: string): Promise<boolean>;
  /** Brings the panel to the front. */
  reveal(): void;
}

export class WaitingIndicator {
  private readonly waiting = new Map<string, string>();
  private isNotifying = false;

  constructor(private readonly ui: WaitingUi) {}

  /** Something waits for the user (an approval or a question); `wasVisible` is the panel before it was revealed. */
  started(id: string, title: string, wasVisible: boolean): void {
    this.waiting.set(id, title);
    this.updateBadge();
    if (wasVisible && this.ui.canSeePanel()) return;
    if (this.isNotifying) return;
    this.isNotifying = true;
    void this.ui.notify(`Auto Agent is waiting for you: ${title}`, 'Review').then((isChosen) => {
      this.isNotifying = false;
      if (isChosen) this.ui.reveal();
    }, () => { this.isNotifying = false; });
  }

  settled(id: string): void {
    if (this.waiting.delete(id)) this.updateBadge();
  }

  /** The task ended: nothing waits any more. */
  clear(): void {
    this.waiting.clear();
    this.updateBadge();
  }

  get count(): number { return this.waiting.size; }

  private updateBadge(): void {
    const n = this.waiting.size;
    this.ui.setBadge(n, n === 1 ? 'Auto Agent is waiting for you' : `Auto Agent is waiting for you (${n} requests)`);
  }
}
