import { describe, expect, it } from 'vitest';
import { findKeyConflicts } from '../../components/keymap/keymap';
import { DEFAULT_PLUGINS } from '../../plot/interactions/default-plugins';
import { plotKeymap } from '../../plot/keymap';
import { AXIS_SPECS } from './label-axes';
import { AXIS_SCOPE, labelAxisKeymap, labelPageKeymap } from './label-keymap';

describe('the ECG page keys', () => {
  const commands = [
    ...labelPageKeymap.commands,
    ...labelAxisKeymap.commands,
    ...plotKeymap(DEFAULT_PLUGINS).commands,
  ];

  it('bind no chord twice in one scope, the plot’s included', () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(findKeyConflicts(commands)).toEqual([]);
  });

  it('give every axis its own key, and undo/redo their Ctrl chords', () => {
    const keys = AXIS_SPECS.map((a) => a.key);
    expect(new Set(keys).size).toBe(AXIS_SPECS.length);
    const byId = new Map(labelPageKeymap.commands.map((c) => [c.id, c.keys]));
    expect(byId.get('label.undo')).toEqual(['Mod+z']);
    expect(byId.get('label.redo')).toContain('Mod+Shift+Z');
    expect(labelAxisKeymap.commands.every((c) => c.scope === AXIS_SCOPE)).toBe(true);
  });

  it('fail when an axis takes a key a plot tool uses', () => {
    const clash = [
      ...commands,
      { id: 'label.axis.extra', scope: 'page', keys: ['c'], label: 'Extra' },
    ];
    expect(findKeyConflicts(clash)).toEqual([
      expect.objectContaining({
        chord: 'c',
        commandIds: ['tool.time-caliper', 'label.axis.extra'],
      }),
    ]);
  });
});
