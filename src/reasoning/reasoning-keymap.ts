/** The keys of a reasoning view as data: steps, grounding questions, beats, Esc and the `?` list. */
import { PAGE_SCOPE, type KeyCommand, type Keymap } from '../components/keymap/keymap';
import type { StepV002 } from '../schemas/benchmark-sample';
import type { ReasoningStore } from './reasoning-store';
import type { StepNavigation } from './step-navigation';

/** What the reasoning keys act on. */
export interface ReasoningKeyContext {
  readonly steps: readonly StepV002[];
  readonly store: ReasoningStore;
  readonly navigation: StepNavigation;
  /** Opens the `?` list. */
  openKeys(): void;
  /**
   * A screen's own Esc, tried before the drawn grounding question is cleared (what the screen
   * opened came later): true when it closed something.
   */
  backOut?(): boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** How grounding questions are drawn by key: `digits` 1–9, or `g-then-digit` (G, then 1–9). */
export type GroundingKeys = 'digits' | 'g-then-digit';

/** Step and grounding keys of every reasoning view. */
export const STEP_COMMANDS: readonly KeyCommand<ReasoningKeyContext>[] = [
  {
    id: 'reasoning.step',
    scope: PAGE_SCOPE,
    keys: ['j', 'k'],
    display: ['J', 'K'],
    label: 'Next / previous reasoning step',
    run: (ctx, e) => ctx.navigation.step(e.key.toLowerCase() === 'j' ? 1 : -1),
  },
];

/** Draws grounding question `e.key` (1–9) of the open step; false when the step has no such one. */
const selectGroundingByDigit = (ctx: ReasoningKeyContext, e: KeyboardEvent) => {
  const s = ctx.store.getState();
  const index = Number(e.key) - 1;
  if (index >= (ctx.steps[s.stepIndex]?.ecg_grounding.length ?? 0)) return false;
  s.selectGrounding({ step: s.stepIndex, index });
};

/** The grounding key command: the digits, or G then a digit (a screen keeps the digits). */
function groundingCommand(keys: GroundingKeys): KeyCommand<ReasoningKeyContext> {
  const prefixed = keys === 'g-then-digit';
  return {
    id: 'reasoning.grounding',
    scope: PAGE_SCOPE,
    keys: prefixed ? DIGITS.map((d) => `g ${d}`) : DIGITS,
    display: [prefixed ? 'G 1–9' : '1–9'],
    label: prefixed
      ? 'Draw a grounding question of the open step on the plot (G, then its number)'
      : 'Draw a grounding question of the open step on the plot',
    run: selectGroundingByDigit,
  };
}

/** Beats, Esc and `?`: after the grounding key in the list. */
const VIEW_COMMANDS: readonly KeyCommand<ReasoningKeyContext>[] = [
  {
    id: 'reasoning.beats',
    scope: PAGE_SCOPE,
    keys: ['b'],
    label: 'Show or hide the detected beats',
    run: (ctx) => ctx.store.getState().toggleBeats(),
  },
  {
    id: 'reasoning.clear',
    scope: PAGE_SCOPE,
    keys: ['Escape'],
    label: 'Back out: what the screen opened last, else clear the drawn grounding question',
    run: (ctx) => {
      if (ctx.backOut?.()) return;
      if (!ctx.store.getState().grounding) return false;
      ctx.store.getState().selectGrounding(null);
    },
  },
  {
    id: 'reasoning.keys',
    scope: PAGE_SCOPE,
    keys: ['?'],
    label: 'This list',
    run: (ctx) => ctx.openKeys(),
  },
];

/** Grounding by digits, beats, Esc and `?`: after a screen's own keys in the list. */
export const GROUNDING_COMMANDS: readonly KeyCommand<ReasoningKeyContext>[] = [
  groundingCommand('digits'),
  ...VIEW_COMMANDS,
];

const G_THEN_DIGIT_COMMANDS: readonly KeyCommand<ReasoningKeyContext>[] = [
  groundingCommand('g-then-digit'),
  ...VIEW_COMMANDS,
];

/**
 * A reasoning view's keymap: its step keys, then a screen's own (`extra`), then the rest. With
 * `groundingKeys` 'g-then-digit' the digits are left to the screen (e.g. a reviewer's reasons).
 */
export function reasoningKeymap<C extends ReasoningKeyContext>(
  title: string,
  extra: readonly KeyCommand<C>[],
  groundingKeys: GroundingKeys = 'digits',
): Keymap<C> {
  return {
    id: 'reasoning',
    title,
    order: 0,
    commands: [
      ...STEP_COMMANDS,
      ...extra,
      ...(groundingKeys === 'digits' ? GROUNDING_COMMANDS : G_THEN_DIGIT_COMMANDS),
    ],
  };
}
