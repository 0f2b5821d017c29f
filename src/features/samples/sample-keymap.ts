/** The sample view's own keys: the next and previous sample of the worklist. */
import { PAGE_SCOPE, type KeyCommand } from '../../components/keymap/keymap';
import type { ReasoningKeyContext } from '../../reasoning/reasoning-keymap';

/** What the sample keys act on: moving to a neighbour in the worklist (no-op at its ends), editing. */
export interface SampleKeyContext {
  next(): void;
  previous(): void;
  /** Opens the chain editor; false when the user may not write samples. */
  edit(): boolean | void;
}

/** ] and [ (or Shift+J and Shift+K): the next and previous sample; E: edit it. */
export const SAMPLE_COMMANDS: readonly KeyCommand<ReasoningKeyContext & SampleKeyContext>[] = [
  {
    id: 'sample.neighbour',
    scope: PAGE_SCOPE,
    keys: [']', '[', 'Shift+J', 'Shift+K'],
    display: [']', '['],
    label: 'Next / previous sample (also Shift+J / Shift+K)',
    run: (ctx, e) => (e.key === ']' || e.key === 'J' ? ctx.next() : ctx.previous()),
  },
  {
    id: 'sample.edit',
    scope: PAGE_SCOPE,
    keys: ['e'],
    label: 'Edit this sample in the chain editor (cardiologists, curators)',
    run: (ctx) => ctx.edit(),
  },
];
