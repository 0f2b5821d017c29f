/** The ECG page's keys: axes by letter, values by number or type-ahead, submit, undo/redo. */
import type { Keymap, KeyCommand } from '../../components/keymap/keymap';
import { PAGE_SCOPE } from '../../components/keymap/keymap';
import type { AxisId } from './label-axes';
import { AXIS_SPECS, DIAGNOSIS_KEY } from './label-axes';

/** Heard while an axis's list of values has focus. */
export const AXIS_SCOPE = 'label-axis';

/** What the page keys act on. */
export interface LabelPageKeyContext {
  readonly focusAxis: (axis: AxisId) => void;
  readonly focusDiagnosis: () => void;
  readonly submit: () => void;
  readonly backToDraft: () => void;
  readonly undo: () => boolean;
  readonly redo: () => boolean;
  readonly next: () => void;
  readonly previous: () => void;
  readonly worklist: () => void;
  readonly openKeys: () => void;
  readonly dismissCheck: () => boolean;
  readonly showCheck: () => boolean;
}

/** What the keys of the focused axis act on (each false when there is nothing to do). */
export interface AxisKeyContext {
  readonly chooseNth: (index: number) => boolean;
  readonly move: (delta: number) => boolean;
  readonly chooseHighlighted: () => boolean;
  readonly typeAhead: (letter: string) => boolean;
  readonly leave: () => boolean;
  /** Enter: leave the axis, confirming an empty set where that is a value. */
  readonly confirm: () => boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

const axisCommands: KeyCommand<LabelPageKeyContext>[] = AXIS_SPECS.map((axis) => ({
  id: `label.axis.${axis.id}`,
  scope: PAGE_SCOPE,
  keys: [axis.key],
  label: `Go to ${axis.name.toLowerCase()}`,
  run: (ctx) => ctx.focusAxis(axis.id),
}));

/** The page's keys (heard anywhere but in a text field). */
export const labelPageKeymap: Keymap<LabelPageKeyContext> = {
  id: 'label-page',
  title: 'Label',
  order: 0,
  commands: [
    ...axisCommands,
    {
      id: 'label.diagnosis',
      scope: PAGE_SCOPE,
      keys: [DIAGNOSIS_KEY],
      label: 'Write the diagnosis',
      run: (ctx) => ctx.focusDiagnosis(),
    },
    {
      id: 'label.submit',
      scope: PAGE_SCOPE,
      keys: ['Shift+S'],
      label: 'Submit the label',
      run: (ctx) => ctx.submit(),
    },
    {
      id: 'label.draft',
      scope: PAGE_SCOPE,
      keys: ['Shift+D'],
      label: 'Back to draft',
      run: (ctx) => ctx.backToDraft(),
    },
    {
      id: 'label.undo',
      scope: PAGE_SCOPE,
      keys: ['Mod+z'],
      label: 'Undo',
      run: (ctx) => ctx.undo(),
    },
    {
      id: 'label.redo',
      scope: PAGE_SCOPE,
      keys: ['Mod+Shift+Z', 'Mod+y'],
      label: 'Redo',
      run: (ctx) => ctx.redo(),
    },
    {
      id: 'label.dismiss',
      scope: PAGE_SCOPE,
      keys: ['x'],
      label: 'Dismiss the first open check (type the reason, Enter)',
      run: (ctx) => ctx.dismissCheck(),
    },
    {
      id: 'label.show-check',
      scope: PAGE_SCOPE,
      keys: ['v'],
      label: 'Show (or hide) on the plot what the first check was measured from',
      run: (ctx) => ctx.showCheck(),
    },
    {
      id: 'label.next',
      scope: PAGE_SCOPE,
      keys: [']'],
      label: 'Next ECG of the worklist',
      run: (ctx) => ctx.next(),
    },
    {
      id: 'label.previous',
      scope: PAGE_SCOPE,
      keys: ['['],
      label: 'Previous ECG of the worklist',
      run: (ctx) => ctx.previous(),
    },
    {
      id: 'label.worklist',
      scope: PAGE_SCOPE,
      keys: ['w'],
      label: 'Back to the ECG worklist',
      run: (ctx) => ctx.worklist(),
    },
    {
      id: 'label.keys',
      scope: PAGE_SCOPE,
      keys: ['?'],
      label: 'All keys',
      run: (ctx) => ctx.openKeys(),
    },
  ],
};

/** The keys of the focused axis (heard in the label editor). */
export const labelAxisKeymap: Keymap<AxisKeyContext> = {
  id: 'label-axis',
  title: 'Label: the focused axis',
  order: 1,
  commands: [
    {
      id: 'axis.nth',
      scope: AXIS_SCOPE,
      keys: DIGITS,
      display: ['1–9', '0'],
      label: 'Choose (or toggle) the value of that number; 0 is the tenth',
      run: (ctx, event) => ctx.chooseNth(event.key === '0' ? 9 : Number(event.key) - 1),
    },
    {
      id: 'axis.move',
      scope: AXIS_SCOPE,
      keys: ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'],
      label: 'Move between the values',
      run: (ctx, event) =>
        ctx.move(event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1),
    },
    {
      id: 'axis.choose',
      scope: AXIS_SCOPE,
      keys: [' ', 'Enter'],
      label:
        'Space: choose or toggle the value; Enter: leave the axis (other findings: none, when nothing is chosen)',
      run: (ctx, event) => (event.key === 'Enter' ? ctx.confirm() : ctx.chooseHighlighted()),
    },
    {
      id: 'axis.type-ahead',
      scope: AXIS_SCOPE,
      keys: LETTERS,
      display: ['A–Z'],
      label:
        'Type-ahead: go to the value starting with the letters typed (a one-value axis takes it)',
      run: (ctx, event) => ctx.typeAhead(event.key.toLowerCase()),
    },
    {
      id: 'axis.leave',
      scope: AXIS_SCOPE,
      keys: ['Escape'],
      label: 'Leave the axis (its letter keys work again)',
      run: (ctx) => ctx.leave(),
    },
  ],
};
