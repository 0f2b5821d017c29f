import { describe, expect, it } from 'vitest';
import {
  chordOf,
  dispatchKey,
  findKeyConflicts,
  keyDisplay,
  PAGE_SCOPE,
  shortcutRows,
  type KeySequenceState,
  type Keymap,
} from './keymap';

const key = (
  k: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

/** A KeyboardEvent stand-in that records preventDefault (Node has no KeyboardEvent). */
const event = (k: string, shiftKey = false) => {
  const e = {
    ...key(k, { shiftKey }),
    prevented: false,
    preventDefault: () => (e.prevented = true),
  };
  return e;
};

describe('keymap', () => {
  it('names chords: letters by case and Shift, other printable keys as typed, named keys with Shift', () => {
    expect(chordOf(key('j'))).toBe('j');
    expect(chordOf(key('J', { shiftKey: true }))).toBe('Shift+J');
    // Caps Lock gives 'J' without Shift: still the plain key.
    expect(chordOf(key('J'))).toBe('j');
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(key(']'))).toBe(']');
    expect(chordOf(key('ArrowLeft', { shiftKey: true }))).toBe('Shift+ArrowLeft');
    expect(chordOf(key('Escape'))).toBe('Escape');
    // Ctrl and Cmd make Mod chords (undo, redo), never the plain key; Alt is the system's.
    expect(chordOf(key('j', { ctrlKey: true }))).toBe('Mod+j');
    expect(chordOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(chordOf(key('z', { metaKey: true }))).toBe('Mod+z');
    expect(chordOf(key('1', { altKey: true }))).toBeNull();
  });

  it('finds two commands bound to one chord in one scope, and only there', () => {
    const commands = [
      { id: 'a', scope: PAGE_SCOPE, keys: ['j', 'Shift+J'], label: 'A' },
      { id: 'b', scope: 'plot', keys: ['j'], label: 'B' },
      { id: 'c', scope: PAGE_SCOPE, keys: ['k', 'Shift+J'], label: 'C' },
    ];
    expect(findKeyConflicts(commands)).toEqual([
      { scope: PAGE_SCOPE, chord: 'Shift+J', commandIds: ['a', 'c'] },
    ]);
    expect(findKeyConflicts(commands.slice(0, 2))).toEqual([]);
    // One command listing a chord twice is not a conflict.
    expect(
      findKeyConflicts([{ id: 'd', scope: PAGE_SCOPE, keys: ['x', 'x'], label: 'D' }]),
    ).toEqual([]);
  });

  it('runs the command of a chord in the scopes asked; false lets the key go on', () => {
    const ran: string[] = [];
    const map: Keymap<{ can: boolean }> = {
      id: 't',
      title: 'T',
      order: 0,
      commands: [
        {
          id: 'next',
          scope: PAGE_SCOPE,
          keys: ['j'],
          label: 'Next',
          run: () => void ran.push('next'),
        },
        {
          id: 'clear',
          scope: 'plot',
          keys: ['Escape'],
          label: 'Clear',
          run: (ctx) => (ctx.can ? void ran.push('clear') : false),
        },
      ],
    };
    const j = event('j');
    expect(dispatchKey(map, [PAGE_SCOPE], { can: true }, j as unknown as KeyboardEvent)).toBe(true);
    expect(j.prevented).toBe(true);
    // Out of scope: not this keymap's.
    expect(
      dispatchKey(map, [PAGE_SCOPE], { can: true }, event('Escape') as unknown as KeyboardEvent),
    ).toBe(false);
    const esc = event('Escape');
    expect(dispatchKey(map, ['plot'], { can: false }, esc as unknown as KeyboardEvent)).toBe(false);
    expect(esc.prevented).toBe(false);
    expect(
      dispatchKey(map, ['plot'], { can: true }, event('Escape') as unknown as KeyboardEvent),
    ).toBe(true);
    expect(ran).toEqual(['next', 'clear']);
  });

  it('writes keys as people read them, one row per command for the ? list', () => {
    expect(
      [
        'j',
        'Shift+J',
        'ArrowLeft',
        'Shift+ArrowDown',
        'Escape',
        'Backspace',
        '?',
        'Mod+Shift+Z',
      ].map(keyDisplay),
    ).toEqual(['J', 'Shift+J', '←', 'Shift+↓', 'Esc', '⌫', '?', 'Ctrl+Shift+Z']);
    expect(
      shortcutRows({
        commands: [
          { id: 'a', scope: PAGE_SCOPE, keys: ['j', 'k'], label: 'Step' },
          { id: 'b', scope: PAGE_SCOPE, keys: ['1', '2'], display: ['1–9'], label: 'Pick' },
        ],
      }),
    ).toEqual([
      { keys: ['J', 'K'], what: 'Step' },
      { keys: ['1–9'], what: 'Pick' },
    ]);
  });

  it('runs a two-chord sequence: the first chord waits, the second completes it or is read alone', () => {
    const ran: string[] = [];
    const map: Keymap<object> = {
      id: 't',
      title: 'T',
      order: 0,
      commands: [
        {
          id: 'ground',
          scope: PAGE_SCOPE,
          keys: ['g 1', 'g 2'],
          label: 'Ground',
          run: (_ctx, e) => void ran.push(`g${e.key}`),
        },
        {
          id: 'reason',
          scope: PAGE_SCOPE,
          keys: ['1', '2'],
          label: 'Reason',
          run: (_ctx, e) => void ran.push(`r${e.key}`),
        },
        {
          id: 'step-pass',
          scope: PAGE_SCOPE,
          keys: ['s a'],
          label: 'Step pass',
          run: () => void ran.push('step-pass'),
        },
        {
          id: 'pass',
          scope: PAGE_SCOPE,
          keys: ['a'],
          label: 'Pass',
          run: () => void ran.push('pass'),
        },
      ],
    };
    const state: KeySequenceState = { pending: null };
    const press = (k: string) => {
      const e = event(k);
      const handled = dispatchKey(map, [PAGE_SCOPE], {}, e as unknown as KeyboardEvent, state);
      return { handled, prevented: e.prevented };
    };
    // G waits (and is taken from the page: no default action), 1 completes G 1.
    expect(press('g')).toEqual({ handled: true, prevented: true });
    expect(state.pending).toBe('g');
    press('1');
    expect(state.pending).toBeNull();
    // 1 alone is the screen's own digit.
    press('1');
    // S then A is the step's pass, A alone the sample's.
    press('s');
    press('a');
    press('a');
    // A key that completes no sequence is read on its own: S then 2 is the reason 2.
    press('s');
    press('2');
    // Esc backs out of a started sequence and nothing runs.
    press('g');
    expect(press('Escape')).toEqual({ handled: true, prevented: true });
    expect(state.pending).toBeNull();
    expect(ran).toEqual(['g1', 'r1', 'step-pass', 'pass', 'r2']);
    // Without the memory a sequence's first chord is nobody's.
    expect(dispatchKey(map, [PAGE_SCOPE], {}, event('g') as unknown as KeyboardEvent)).toBe(false);
  });

  it('finds a single chord that is also the start of a sequence, and writes sequences as read', () => {
    expect(
      findKeyConflicts([
        { id: 'ground', scope: PAGE_SCOPE, keys: ['g 1', 'g 2'], label: 'G' },
        { id: 'go', scope: PAGE_SCOPE, keys: ['g'], label: 'Go' },
        { id: 'plot-g', scope: 'plot', keys: ['g'], label: 'Other scope' },
      ]),
    ).toEqual([{ scope: PAGE_SCOPE, chord: 'g', commandIds: ['go', 'ground'] }]);
    expect(keyDisplay('g 1')).toBe('G 1');
    expect(keyDisplay('s Shift+ArrowLeft')).toBe('S Shift+←');
    // Space stays one key.
    expect(keyDisplay(' ')).toBe('Space');
  });
});
