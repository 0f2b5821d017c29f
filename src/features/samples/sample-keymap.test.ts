import { describe, expect, it } from 'vitest';
import { findKeyConflicts } from '../../components/keymap/keymap';
import { DEFAULT_PLUGINS } from '../../plot/interactions/default-plugins';
import type { PlotPlugin } from '../../plot/interactions/plot-plugin';
import { plotKeymap } from '../../plot/keymap';
import { reasoningKeymap } from '../../reasoning/reasoning-keymap';
import { SAMPLE_COMMANDS } from './sample-keymap';

/** Every command the sample view's screen binds: its own, the reasoning view's and the plot's. */
const screenCommands = (plugins: readonly PlotPlugin[] = []) => [
  ...reasoningKeymap('Sample', SAMPLE_COMMANDS).commands,
  ...plotKeymap([...DEFAULT_PLUGINS, ...plugins]).commands,
];

describe('the sample view keys', () => {
  it('bind no chord twice in one scope', () => {
    const commands = screenCommands();
    expect(commands.length).toBeGreaterThan(12);
    expect(findKeyConflicts(commands)).toEqual([]);
  });

  it('fail when a plot tool takes a key the page already uses', () => {
    const beats: PlotPlugin = {
      id: 'clash',
      tools: [{ id: 'brush', label: 'Brush', key: 'b', cursor: 'crosshair' }],
    };
    expect(findKeyConflicts(screenCommands([beats]))).toEqual([
      { scope: 'page', chord: 'b', commandIds: ['reasoning.beats', 'tool.brush'] },
    ]);
  });
});
