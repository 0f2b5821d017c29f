import { describe, expect, it } from 'vitest';
import {
  chordOf,
  dispatchKey,
  findKeyConflicts,
  keyDisplay,
  PAGE_SCOPE,
  shortcutRows,
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
});
