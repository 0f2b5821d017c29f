/** Time left in a review queue at the reviewer's current pace, from the times of their verdicts. */

/** How the pace is read. */
export interface PaceOptions {
  /** A gap between two verdicts longer than this is a break, not work (default 10 min). */
  readonly breakMs?: number;
  /** Only the most recent gaps count: the current pace, not the first day's (default 50). */
  readonly recentGaps?: number;
}

/** The pace and what it predicts. */
export interface PaceEstimate {
  /** Mean working time per item over the recent gaps; null with fewer than two verdicts. */
  readonly msPerItem: number | null;
  /** remaining x msPerItem; 0 when nothing remains; null when there is no pace yet. */
  readonly timeLeftMs: number | null;
  /** How many gaps between verdicts the pace is based on. */
  readonly gapsUsed: number;
}

const DEFAULT_BREAK_MS = 10 * 60_000;
const DEFAULT_RECENT_GAPS = 50;

/**
 * The mean gap between consecutive verdicts (breaks left out), over the most recent gaps, times
 * the items remaining. `doneAtMs` are the times (ms since the epoch) the verdicts were first
 * given, in any order.
 */
export function estimatePace(
  doneAtMs: readonly number[],
  remaining: number,
  options: PaceOptions = {},
): PaceEstimate {
  const breakMs = options.breakMs ?? DEFAULT_BREAK_MS;
  const recentGaps = options.recentGaps ?? DEFAULT_RECENT_GAPS;
  const times = [...doneAtMs].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap <= breakMs) gaps.push(gap);
  }
  const recent = gaps.slice(-recentGaps);
  const msPerItem =
    recent.length === 0 ? null : recent.reduce((sum, gap) => sum + gap, 0) / recent.length;
  const timeLeftMs = remaining <= 0 ? 0 : msPerItem === null ? null : remaining * msPerItem;
  return { msPerItem, timeLeftMs, gapsUsed: recent.length };
}
