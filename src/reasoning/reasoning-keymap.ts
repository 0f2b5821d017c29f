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
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

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

/** Grounding, beats, Esc and `?`: after a screen's own keys in the list. */
export const GROUNDING_COMMANDS: readonly KeyCommand<ReasoningKeyContext>[] = [
  {
    id: 'reasoning.grounding',
    scope: PAGE_SCOPE,
    keys: DIGITS,
    display: ['1–9'],
    label: 'Draw a grounding question of the open step on the plot',
    run: (ctx, e) => {
      const s = ctx.store.getState();
      const index = Number(e.key) - 1;
      if (index >= (ctx.steps[s.stepIndex]?.ecg_grounding.length ?? 0)) return false;
      s.selectGrounding({ step: s.stepIndex, index });
    },
  },
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
    label: 'Clear the drawn grounding question',
    run: (ctx) => {
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

/** A reasoning view's keymap: its step keys, then a screen's own (`extra`), then the rest. */
export function reasoningKeymap<C extends ReasoningKeyContext>(
  title: string,
  extra: readonly KeyCommand<C>[],
): Keymap<C> {
  return {
    id: 'reasoning',
    title,
    order: 0,
    commands: [...STEP_COMMANDS, ...extra, ...GROUNDING_COMMANDS],
  };
}
