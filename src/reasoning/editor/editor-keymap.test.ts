import { describe, expect, it } from 'vitest';
import { findKeyConflicts } from '../../components/keymap/keymap';
import { DEFAULT_PLUGINS } from '../../plot/interactions/default-plugins';
import { plotKeymap } from '../../plot/keymap';
import { reasoningKeymap } from '../reasoning-keymap';
import { createReasoningStore } from '../reasoning-store';
import { createChainEditorStore } from './chain-editor-store';
import { EDITOR_COMMANDS } from './editor-keymap';
import { createChainPlotPlugin } from './plot-tools/chain-plot-tools';
import { createWindowDragStore } from './plot-tools/window-drag-store';

describe('the chain editor keys', () => {
  it('bind no chord twice in one scope, with its plot tools (L, W) beside the plot and step keys', () => {
    const plugin = createChainPlotPlugin({
      editor: createChainEditorStore(null),
      reasoning: createReasoningStore(),
      drag: createWindowDragStore(),
      durationS: () => 10,
    });
    const plot = plotKeymap([...DEFAULT_PLUGINS, plugin]);
    const commands = [
      ...reasoningKeymap('Chain editor', EDITOR_COMMANDS).commands,
      ...plot.commands,
    ];
    expect(plot.commands.map((c) => c.id)).toEqual(
      expect.arrayContaining(['tool.lead-pick', 'tool.window']),
    );
    expect(findKeyConflicts(commands)).toEqual([]);
  });
});
