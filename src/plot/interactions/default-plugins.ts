/** The plot's own plugins: pan (the default tool), selecting a lead by a click, the calipers. */
import { CALIPER_PLUGIN } from './caliper-plugin';
import type { PlotPlugin } from './plot-plugin';

/** Pan: the first tool, the one Esc and a tool's key pressed again return to. */
export const PAN_PLUGIN: PlotPlugin = {
  id: 'pan',
  tools: [{ id: 'pan', label: 'Pan', key: 'p', description: 'Pan', cursor: 'crosshair' }],
};

/** A click on a lead (no drag) selects it, or deselects it. */
export const LEAD_SELECT_PLUGIN: PlotPlugin = {
  id: 'lead-select',
  click(p, ctx) {
    if (!p.cell) return false;
    ctx.store.getState().toggleLead(p.cell.lead);
    return true;
  },
};

/**
 * Every plot has these, before any plugin a feature adds. Presses, clicks and hovers go to the
 * last plugin first (it is drawn on top): a click deselects a caliper, then selects a lead.
 */
export const DEFAULT_PLUGINS: readonly PlotPlugin[] = [
  PAN_PLUGIN,
  LEAD_SELECT_PLUGIN,
  CALIPER_PLUGIN,
];

/** The plot's own plugins, each replaced by a feature's plugin of the same id, then the rest. */
export function withDefaultPlugins(plugins: readonly PlotPlugin[]): readonly PlotPlugin[] {
  if (plugins.length === 0) return DEFAULT_PLUGINS;
  const defaults = DEFAULT_PLUGINS.map((d) => plugins.find((p) => p.id === d.id) ?? d);
  return [...defaults, ...plugins.filter((p) => !defaults.includes(p))];
}
