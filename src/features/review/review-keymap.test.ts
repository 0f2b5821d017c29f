import { describe, expect, it } from 'vitest';
import { findKeyConflicts, PAGE_SCOPE } from '../../components/keymap/keymap';
import { withDefaultPlugins } from '../../plot/interactions/default-plugins';
import type { PlotPlugin } from '../../plot/interactions/plot-plugin';
import { plotKeymap } from '../../plot/keymap';
import { reasoningKeymap } from '../../reasoning/reasoning-keymap';
import { REVIEW_COMMANDS, REVIEW_PLOT_PLUGINS } from './review-keymap';

/** Every command the review screen binds: its own, the reasoning view's and the plot's. */
const screenCommands = (
  groundingKeys: 'digits' | 'g-then-digit',
  plugins: readonly PlotPlugin[] = REVIEW_PLOT_PLUGINS,
) => [
  ...reasoningKeymap('Review', REVIEW_COMMANDS, groundingKeys).commands,
  ...plotKeymap(withDefaultPlugins(plugins)).commands,
];

describe('the review screen keys', () => {
  it('bind no chord twice in one scope: grounding on G then a digit, calipers on T and M', () => {
    const commands = screenCommands('g-then-digit');
    expect(findKeyConflicts(commands)).toEqual([]);
    const page = commands.filter((c) => c.scope === PAGE_SCOPE);
    const owner = (key: string) => page.find((c) => c.keys.includes(key))?.id;
    expect(owner('a')).toBe('review.pass');
    expect(owner('f')).toBe('review.flag');
    expect(owner('c')).toBe('review.comment');
    expect(owner('3')).toBe('review.reason');
    expect(owner('g 3')).toBe('reasoning.grounding');
    expect(owner('s a')).toBe('review.step-pass');
    expect(owner('t')).toBe('tool.time-caliper');
  });

  it('would clash with the digits on 1–9 and with the calipers on C', () => {
    expect(findKeyConflicts(screenCommands('digits')).map((c) => c.chord)).toEqual(
      expect.arrayContaining(['1', '7']),
    );
    expect(findKeyConflicts(screenCommands('g-then-digit', [])).map((c) => c.chord)).toEqual(['c']);
  });
});
