import { describe, expect, it } from 'vitest';
import { findKeyConflicts } from '../../components/keymap/keymap';
import { DEFAULT_PLUGINS } from '../../plot/interactions/default-plugins';
import { plotKeymap } from '../../plot/keymap';
import { reasoningKeymap } from '../../reasoning/reasoning-keymap';
import { boardKeymap } from './board/board-keymap';
import { COMPARE_COMMANDS, candidateKeymap } from './resample/resample-keymap';

const plot = plotKeymap(DEFAULT_PLUGINS).commands;

describe('the curator screens bind no chord twice in one scope', () => {
  it('the board', () => {
    expect(findKeyConflicts(boardKeymap.commands)).toEqual([]);
  });

  it('choosing a candidate ECG over its plot', () => {
    const commands = [...candidateKeymap.commands, ...plot];
    expect(findKeyConflicts(commands)).toEqual([]);
  });

  it('comparing the generated sample with the old one: reasoning keys, its own, one plot', () => {
    const commands = [...reasoningKeymap('Re-sample', COMPARE_COMMANDS).commands, ...plot];
    expect(commands.length).toBeGreaterThan(12);
    expect(findKeyConflicts(commands)).toEqual([]);
  });

  it('would catch a clash (the plot owns C on the page)', () => {
    const clash = { ...COMPARE_COMMANDS[0]!, keys: ['c'] };
    expect(
      findKeyConflicts([...reasoningKeymap('Re-sample', [clash]).commands, ...plot]).map(
        (c) => c.chord,
      ),
    ).toEqual(['c']);
  });
});
