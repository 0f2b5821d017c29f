/**
 * The re-sample view's keys as data. Choosing: move through the candidates, draw one finding,
 * generate on the selected candidate or take the best. Comparing (a reasoning view's keys for
 * both samples at once, plus these): save the re-sample, draw again, back to the candidates.
 */
import { PAGE_SCOPE, type KeyCommand, type Keymap } from '../../../components/keymap/keymap';
import type { ReasoningKeyContext } from '../../../reasoning/reasoning-keymap';

/** What the choosing keys act on. */
export interface CandidateKeyContext {
  move(delta: number): boolean | void;
  /** Draws only the findings of step `index` (0-based), or all again when it is the one drawn. */
  focusStep(index: number): boolean | void;
  clearFocus(): boolean | void;
  generate(): boolean | void;
  takeBest(): boolean | void;
  backToBoard(): boolean | void;
  openKeys(): void;
}

const onControl = (e: KeyboardEvent) =>
  e.target instanceof Element && e.target.closest('button, a, summary') !== null;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The keys while choosing a candidate ECG. */
export const candidateKeymap: Keymap<CandidateKeyContext> = {
  id: 'curate-candidates',
  title: 'Candidate ECGs',
  order: 0,
  commands: [
    {
      id: 'candidates.move',
      scope: PAGE_SCOPE,
      keys: ['ArrowDown', 'ArrowUp', 'j', 'k'],
      display: ['↓', '↑', 'J', 'K'],
      label: 'Next / previous candidate ECG (drawn on the plot)',
      run: (ctx, e) => ctx.move(e.key === 'ArrowDown' || e.key.toLowerCase() === 'j' ? 1 : -1),
    },
    {
      id: 'candidates.finding',
      scope: PAGE_SCOPE,
      keys: DIGITS,
      display: ['1–9'],
      label: "Draw only that step's finding (again: every finding)",
      run: (ctx, e) => ctx.focusStep(Number(e.key) - 1),
    },
    {
      id: 'candidates.generate',
      scope: PAGE_SCOPE,
      keys: ['Enter', 'g'],
      display: ['Enter', 'G'],
      label: 'Generate the sample on the selected ECG (nothing is saved yet)',
      run: (ctx, e) => (e.key === 'Enter' && onControl(e) ? false : ctx.generate()),
    },
    {
      id: 'candidates.best',
      scope: PAGE_SCOPE,
      keys: ['t'],
      label: 'Take the best candidate and generate on it',
      run: (ctx) => ctx.takeBest(),
    },
    {
      id: 'candidates.clear',
      scope: PAGE_SCOPE,
      keys: ['Escape'],
      label: 'Draw every finding again, else back to the board',
      run: (ctx) => (ctx.clearFocus() === false ? ctx.backToBoard() : undefined),
    },
    {
      id: 'candidates.keys',
      scope: PAGE_SCOPE,
      keys: ['?'],
      label: 'This list',
      run: (ctx) => ctx.openKeys(),
    },
  ],
};

/** What the comparing keys act on (besides the reasoning keys). */
export interface CompareKeyContext {
  save(): boolean | void;
  drawAgain(): boolean | void;
  backToCandidates(): boolean | void;
}

/** The comparing view's own keys, listed between the step keys and the grounding keys. */
export const COMPARE_COMMANDS: readonly KeyCommand<ReasoningKeyContext & CompareKeyContext>[] = [
  {
    id: 'compare.save',
    scope: PAGE_SCOPE,
    keys: ['s'],
    label: 'Save the re-sample (it goes to review; its flags close)',
    run: (ctx) => ctx.save(),
  },
  {
    id: 'compare.again',
    scope: PAGE_SCOPE,
    keys: ['n'],
    label: 'Draw the options again (next seed)',
    run: (ctx) => ctx.drawAgain(),
  },
  {
    id: 'compare.back',
    scope: PAGE_SCOPE,
    keys: ['l'],
    label: 'Back to the list of candidate ECGs',
    run: (ctx) => ctx.backToCandidates(),
  },
];
