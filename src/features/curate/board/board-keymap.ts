/** The flag board's keys as data: move through the flags, act on the selected one, the `?` list. */
import { PAGE_SCOPE, type KeyCommand, type Keymap } from '../../../components/keymap/keymap';

/** What the board's keys act on. */
export interface BoardKeyContext {
  /** Moves the selection by `delta` flags (clamped to the list). */
  move(delta: number): boolean | void;
  resample(): boolean | void;
  fixInPlace(): boolean | void;
  openSample(): boolean | void;
  /** Opens the dismissal's reason field. */
  dismiss(): boolean | void;
  /** Backs out: closes the reason field, else clears the group filter. */
  back(): boolean | void;
  openKeys(): void;
}

/** True when a key comes from a control that acts on it itself (a focused button or link). */
const onControl = (e: KeyboardEvent) =>
  e.target instanceof Element && e.target.closest('button, a, summary') !== null;

/** The board's commands. */
export const BOARD_COMMANDS: readonly KeyCommand<BoardKeyContext>[] = [
  {
    id: 'board.move',
    scope: PAGE_SCOPE,
    keys: ['ArrowDown', 'ArrowUp', 'j', 'k'],
    display: ['↓', '↑', 'J', 'K'],
    label: 'Next / previous flag',
    run: (ctx, e) => ctx.move(e.key === 'ArrowDown' || e.key.toLowerCase() === 'j' ? 1 : -1),
  },
  {
    id: 'board.resample',
    scope: PAGE_SCOPE,
    keys: ['Enter', 'r'],
    display: ['Enter', 'R'],
    label: 'Re-sample the flagged sample (candidate ECGs)',
    run: (ctx, e) => (e.key === 'Enter' && onControl(e) ? false : ctx.resample()),
  },
  {
    id: 'board.fix',
    scope: PAGE_SCOPE,
    keys: ['e'],
    label: 'Fix the sample in place (chain editor)',
    run: (ctx) => ctx.fixInPlace(),
  },
  {
    id: 'board.open',
    scope: PAGE_SCOPE,
    keys: ['o'],
    label: 'Open the sample over its ECG',
    run: (ctx) => ctx.openSample(),
  },
  {
    id: 'board.dismiss',
    scope: PAGE_SCOPE,
    keys: ['d'],
    label: 'Dismiss the flag, with a reason',
    run: (ctx) => ctx.dismiss(),
  },
  {
    id: 'board.back',
    scope: PAGE_SCOPE,
    keys: ['Escape'],
    label: 'Cancel the dismissal, else show every group',
    run: (ctx) => ctx.back(),
  },
  {
    id: 'board.keys',
    scope: PAGE_SCOPE,
    keys: ['?'],
    label: 'This list',
    run: (ctx) => ctx.openKeys(),
  },
];

/** The board's keymap. */
export const boardKeymap: Keymap<BoardKeyContext> = {
  id: 'curate-board',
  title: 'Flag board',
  order: 0,
  commands: BOARD_COMMANDS,
};
