/**
 * The plot's keys as data: picking each registered tool, zoom and fit anywhere on the page;
 * arrows, true size and Esc (plus the plugins' own keys) while the plot has focus.
 */
import { PAGE_SCOPE, type KeyCommand, type Keymap } from '../components/keymap/keymap';
import { pluginTools, type PlotPlugin, type PlotToolContext } from './interactions/plot-plugin';
import { PLOT_SCOPE } from './interactions/scopes';
import { panBy, zoomAt } from './viewport';

/** Arrow-key pan step in CSS px (Shift: five times). */
const KEY_PAN_PX = 60;
/** Zoom factor of one + or - press. */
const KEY_ZOOM_FACTOR = 1.25;

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

const zoomBy = (ctx: PlotToolContext, factor: number) => {
  const { width, height } = ctx.stageSize();
  ctx.setViewport(zoomAt(ctx.store.getState().viewport, factor, width / 2, height / 2));
};

const VIEW_COMMANDS: readonly KeyCommand<PlotToolContext>[] = [
  {
    id: 'plot.zoom-in',
    scope: PAGE_SCOPE,
    keys: ['+', '='],
    display: ['+'],
    label: 'Zoom in',
    run: (ctx) => zoomBy(ctx, KEY_ZOOM_FACTOR),
  },
  {
    id: 'plot.zoom-out',
    scope: PAGE_SCOPE,
    keys: ['-'],
    label: 'Zoom out',
    run: (ctx) => zoomBy(ctx, 1 / KEY_ZOOM_FACTOR),
  },
  {
    id: 'plot.fit',
    scope: PAGE_SCOPE,
    keys: ['0'],
    label: 'Fit the paper to the plot',
    run: (ctx) => ctx.store.getState().fit(),
  },
  {
    id: 'plot.true-size',
    scope: PLOT_SCOPE,
    keys: ['1'],
    label: 'True size (plot focused)',
    run: (ctx) => ctx.setViewport({ zoom: 1, panX: 0, panY: 0 }),
  },
  {
    id: 'plot.pan',
    scope: PLOT_SCOPE,
    keys: Object.keys(ARROWS).flatMap((k) => [k, `Shift+${k}`]),
    display: ['←', '→', '↑', '↓'],
    label: 'Pan (plot focused; Shift: five times as far)',
    run: (ctx, e) => {
      const [dx, dy] = ARROWS[e.key] ?? [0, 0];
      const step = e.shiftKey ? KEY_PAN_PX * 5 : KEY_PAN_PX;
      ctx.setViewport(panBy(ctx.store.getState().viewport, dx * step, dy * step));
    },
  },
];

/**
 * The plot's keymap for a set of plugins: a tool's key picks it, and pressed again goes back to
 * the first tool (pan). Esc backs out of the latest thing: a drag, then whatever a plugin has
 * selected, then the picked tool; with nothing left it is not the plot's, and goes on to the page.
 */
export function plotKeymap(plugins: readonly PlotPlugin[]): Keymap<PlotToolContext> {
  const tools = pluginTools(plugins);
  const defaultId = tools[0]?.id ?? 'pan';
  const toolCommands: KeyCommand<PlotToolContext>[] = tools.flatMap((tool) =>
    tool.key
      ? [
          {
            id: `tool.${tool.id}`,
            scope: PAGE_SCOPE,
            keys: [tool.key],
            label: tool.description ?? tool.label,
            run: (ctx: PlotToolContext) => {
              const s = ctx.store.getState();
              s.setTool(s.tool === tool.id && tool.id !== defaultId ? defaultId : tool.id);
            },
          },
        ]
      : [],
  );
  const escape: KeyCommand<PlotToolContext> = {
    id: 'plot.escape',
    scope: PLOT_SCOPE,
    keys: ['Escape'],
    label: 'Stop a drag, deselect, then back to pan (plot focused)',
    run: (ctx) => {
      if (ctx.cancelGesture()) return true;
      for (const plugin of [...plugins].reverse()) if (plugin.escape?.(ctx)) return true;
      const s = ctx.store.getState();
      if (s.tool === defaultId) return false;
      s.setTool(defaultId);
      return true;
    },
  };
  return {
    id: 'plot',
    title: 'Plot',
    order: 10,
    commands: [
      ...toolCommands,
      ...VIEW_COMMANDS,
      ...plugins.flatMap((p) => p.commands ?? []),
      escape,
    ],
  };
}
