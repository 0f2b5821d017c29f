/**
 * The review screen's keys as data: A pass (and the next sample), F flag, reasons 1–7 while
 * flagging, C comment, S then A/F for the open step, Enter saves a flag, ] [ samples, Q queue.
 * Grounding questions move to G then a digit on this screen, and the time caliper to T, so the
 * digits and C are the reviewer's.
 */
import { PAGE_SCOPE, type KeyCommand } from '../../components/keymap/keymap';
import { caliperPlugin } from '../../plot/interactions/caliper-plugin';
import type { PlotPlugin } from '../../plot/interactions/plot-plugin';
import type { ReasoningKeyContext } from '../../reasoning/reasoning-keymap';
import { FLAG_REASONS } from '../../schemas/api/review';

/** What the review keys act on (the screen's actions; each says in the status line what it did). */
export interface ReviewKeyContext {
  /** Passes the sample (with its step verdicts) and opens the next one to judge. */
  pass(): void;
  /** Opens the flag editor on the sample, or saves the flag when it is open on the sample. */
  flag(): void;
  /** Adds or removes reason `n` (1–7) in the open flag editor; false when none is open. */
  toggleReason(n: number): boolean;
  /** Moves focus to the comment box (of the flag being made, else of the sample). */
  comment(): void;
  /** Passes step `stepIdx` (the open one, for the keys). */
  passStep(stepIdx: number): void;
  /** Opens the flag editor on step `stepIdx`. */
  flagStep(stepIdx: number): void;
  /** Saves the flag being made (sample) or keeps it (step); false when none is being made. */
  confirm(): boolean;
  next(): void;
  previous(): void;
  backToQueue(): void;
}

const REASON_KEYS = FLAG_REASONS.map((_, i) => String(i + 1));

/** The review screen's own keys, listed between the step keys and the grounding keys. */
export const REVIEW_COMMANDS: readonly KeyCommand<ReasoningKeyContext & ReviewKeyContext>[] = [
  {
    id: 'review.pass',
    scope: PAGE_SCOPE,
    keys: ['a'],
    label: 'Pass the sample and open the next one to judge',
    run: (ctx) => ctx.pass(),
  },
  {
    id: 'review.flag',
    scope: PAGE_SCOPE,
    keys: ['f'],
    label: 'Flag the sample; F again (or Enter) saves the flag and opens the next',
    run: (ctx) => ctx.flag(),
  },
  {
    id: 'review.reason',
    scope: PAGE_SCOPE,
    keys: REASON_KEYS,
    display: ['1–7'],
    label:
      'While flagging: add or remove a reason (1 wrong answer, 2 ambiguous distractor, 3 window misses the wave, 4 measurement outside the range, 5 wording, 6 signal quality, 7 other)',
    run: (ctx, e) => ctx.toggleReason(Number(e.key)),
  },
  {
    id: 'review.comment',
    scope: PAGE_SCOPE,
    keys: ['c'],
    label: 'Write a comment (on the flag being made, else on the sample); Enter or Esc ends it',
    run: (ctx) => ctx.comment(),
  },
  {
    id: 'review.step-pass',
    scope: PAGE_SCOPE,
    keys: ['s a'],
    label: 'Pass the open step (saved with the sample’s verdict)',
    run: (ctx) => ctx.passStep(ctx.store.getState().stepIndex),
  },
  {
    id: 'review.step-flag',
    scope: PAGE_SCOPE,
    keys: ['s f'],
    label: 'Flag the open step: reasons 1–7, Enter keeps it',
    run: (ctx) => ctx.flagStep(ctx.store.getState().stepIndex),
  },
  {
    id: 'review.confirm',
    scope: PAGE_SCOPE,
    keys: ['Enter'],
    label: 'Save the flag being made',
    run: (ctx) => ctx.confirm(),
  },
  {
    id: 'review.neighbour',
    scope: PAGE_SCOPE,
    keys: [']', '[', 'Shift+J', 'Shift+K'],
    display: [']', '['],
    label: 'Next / previous sample of the queue (also Shift+J / Shift+K)',
    run: (ctx, e) => (e.key === ']' || e.key === 'J' ? ctx.next() : ctx.previous()),
  },
  {
    id: 'review.queue',
    scope: PAGE_SCOPE,
    keys: ['q'],
    label: 'Back to the queue',
    run: (ctx) => ctx.backToQueue(),
  },
];

/** The calipers on T (ms) and M (mV) here: C is the reviewer's comment. */
export const REVIEW_PLOT_PLUGINS: readonly PlotPlugin[] = [
  caliperPlugin({ time: 't', amplitude: 'm' }),
];
