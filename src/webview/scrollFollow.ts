/**
 * Whether the panel follows the newest output: it does until the user scrolls up, and again once they scroll
 * back to the bottom. Decided from scroll positions alone (pure), so every part of the panel that grows (timeline,
 * plan, review cards, the finish) keeps the same rule.
 */

export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** How near the bottom (px) still counts as at the bottom. */
const nearBottomPx = 40;

export class ScrollFollow {
  private following = true;
  private lastTop = 0;

  get isFollowing(): boolean { return this.following; }

  /** Notes a scroll event. Moving up away from the bottom stops following; reaching the bottom starts it again. */
  noteScroll(m: ScrollMetrics): void {
    if (distanceFromBottom(m) <= nearBottomPx) this.following = true;
    // Content growing below moves nothing; only a scroll upwards (the user's) leaves the bottom with scrollTop falling.
    else if (m.scrollTop < this.lastTop) this.following = false;
    this.lastTop = m.scrollTop;
  }

  /** Where to scroll after the content changed: the bottom while following, else nowhere. */
  target(m: ScrollMetrics): number | undefined {
    return this.following ? Math.max(0, m.scrollHeight - m.clientHeight) : undefined;
  }

  /** A new task or snapshot starts at the newest again. */
  reset(): void {
    this.following = true;
  }
}

function distanceFromBottom(m: ScrollMetrics): number {
  return m.scrollHeight - m.scrollTop - m.clientHeight;
}
