/**
 * Calipers as a plot plugin: two tools that draw a caliper (in ms and bpm, or in mV) with a drag
 * in a cell; in any tool, a placed caliper's end drags to re-measure and its × removes it; Delete
 * removes the selected one (else the last), Esc deselects.
 */
import { useStore } from 'zustand';
import { Button } from '../../components/ui/button';
import {
  caliperBetween,
  hitCaliperTarget,
  moveCaliperEnd,
  type Caliper,
  type CaliperEnd,
  type CaliperKind,
} from '../calipers';
import { CALIPER_LABEL_FONT, CalipersOverlay } from '../overlays/calipers-overlay';
import { measureTextPx } from '../text-measure';
import type { PlotStore } from '../viewport-store';
import type {
  PlotOverlayProps,
  PlotPlugin,
  PlotPointer,
  PlotTool,
  PlotToolContext,
  PointerGesture,
} from './plot-plugin';
import { PLOT_SCOPE } from './scopes';

/** Distance in CSS px within which a caliper end can be grabbed. */
const GRAB_RADIUS_PX = 6;
/** World-px width of a caliper reading's text. */
const labelTextWidth = (text: string) => measureTextPx(text, CALIPER_LABEL_FONT);
/** The cursor over (or dragging) an end: along the axis the end moves on. */
const END_CURSOR: Record<CaliperKind, string> = { time: 'ew-resize', amplitude: 'ns-resize' };

const targetAt = (p: PlotPointer, ctx: PlotToolContext) => {
  const s = ctx.store.getState();
  if (s.calipers.length === 0) return null;
  return hitCaliperTarget(
    ctx.layout(),
    s.calipers,
    p.wx,
    p.wy,
    GRAB_RADIUS_PX / s.viewport.zoom,
    labelTextWidth,
  );
};

/** Dragging one end of a placed caliper; the reading follows the pointer. */
function endGesture(ctx: PlotToolContext, c: Caliper, end: CaliperEnd): PointerGesture {
  const moveTo = (p: PlotPointer) => {
    const layout = ctx.layout();
    const now = ctx.store.getState().calipers.find((x) => x.id === c.id);
    const cell = layout.cells.find((x) => x.id === c.cellId);
    if (now && cell)
      ctx.store.getState().updateCaliper(moveCaliperEnd(layout, cell, now, end, p.wx, p.wy));
  };
  return {
    move: moveTo,
    end: (p, _start, moved) => {
      if (moved) moveTo(p);
    },
    cancel: () => ctx.store.getState().updateCaliper(c),
    keepsClick: true,
    cursor: END_CURSOR[c.kind],
  };
}

/** Drawing a new caliper in the pressed cell: dashed while dragging, kept on release. */
function drawGesture(
  ctx: PlotToolContext,
  kind: CaliperKind,
  start: PlotPointer,
): PointerGesture | null {
  const cell = start.cell;
  if (!cell) return null;
  const id = `caliper-${Date.now().toString(36)}-${Math.round(start.wx)}`;
  const caliper = (p: PlotPointer) => caliperBetween(ctx.layout(), cell, kind, id, start, p);
  return {
    move: (p) => ctx.store.getState().setDraftCaliper(caliper(p)),
    end: (p, _start, moved) => {
      ctx.store.getState().setDraftCaliper(null);
      if (moved) ctx.store.getState().addCaliper(caliper(p));
    },
    cancel: () => ctx.store.getState().setDraftCaliper(null),
  };
}

const caliperTool = (
  id: string,
  kind: CaliperKind,
  label: string,
  key: string,
  description: string,
): PlotTool => ({
  id,
  label,
  key,
  description,
  cursor: 'crosshair',
  press: (p, ctx) => drawGesture(ctx, kind, p),
});

/** The calipers as the plot's overlay layer draws them. */
function CalipersFromStore({ layout, store }: PlotOverlayProps) {
  const calipers = useStore(store, (s) => s.calipers);
  const draft = useStore(store, (s) => s.draftCaliper);
  const selectedId = useStore(store, (s) => s.selectedCaliperId);
  return (
    <CalipersOverlay layout={layout} calipers={calipers} draft={draft} selectedId={selectedId} />
  );
}

/** The toolbar's remove button, live while there is a caliper to remove. */
function RemoveCaliperButton({ store }: { store: PlotStore }) {
  const has = useStore(store, (s) => s.calipers.length > 0);
  return (
    <Button shortcut="⌫" disabled={!has} onClick={() => store.getState().removeLastCaliper()}>
      Remove caliper
    </Button>
  );
}

/** The keys that pick the caliper tools. */
export interface CaliperKeys {
  readonly time: string;
  readonly amplitude: string;
}

/**
 * The caliper tools, grabs, keys and overlay, the tools on `keys`: a screen that needs C or M
 * for itself passes this plugin (same id) to the plot with other keys.
 */
export function caliperPlugin(keys: CaliperKeys): PlotPlugin {
  return { ...CALIPER_PLUGIN, tools: caliperTools(keys) };
}

function caliperTools(keys: CaliperKeys): PlotTool[] {
  return [
    caliperTool(
      'time-caliper',
      'time',
      'Caliper ms',
      keys.time,
      'Caliper in ms (and the rate in bpm); again for pan',
    ),
    caliperTool(
      'amplitude-caliper',
      'amplitude',
      'Caliper mV',
      keys.amplitude,
      'Caliper in mV; again for pan',
    ),
  ];
}

/** The caliper tools (C: ms, M: mV), grabs, keys and overlay. */
export const CALIPER_PLUGIN: PlotPlugin = {
  id: 'calipers',
  tools: caliperTools({ time: 'c', amplitude: 'm' }),
  grab(p, ctx) {
    const target = targetAt(p, ctx);
    if (!target) return null;
    const s = ctx.store.getState();
    if (target.kind === 'delete') {
      s.removeCaliper(target.id);
      return 'done';
    }
    const c = s.calipers.find((x) => x.id === target.id);
    if (!c) return null;
    s.selectCaliper(c.id);
    return endGesture(ctx, c, target.end);
  },
  hoverCursor(p, ctx) {
    const target = targetAt(p, ctx);
    if (!target) return null;
    if (target.kind === 'delete') return 'pointer';
    const c = ctx.store.getState().calipers.find((x) => x.id === target.id);
    return c ? END_CURSOR[c.kind] : null;
  },
  click(_p, ctx) {
    ctx.store.getState().selectCaliper(null);
    return false;
  },
  escape(ctx) {
    if (ctx.store.getState().selectedCaliperId === null) return false;
    ctx.store.getState().selectCaliper(null);
    return true;
  },
  commands: [
    {
      id: 'caliper.remove',
      scope: PLOT_SCOPE,
      keys: ['Delete', 'Backspace'],
      label: 'Remove the selected caliper, else the last (plot focused)',
      run: (ctx) => {
        if (ctx.store.getState().calipers.length === 0) return false;
        ctx.store.getState().removeLastCaliper();
      },
    },
  ],
  Overlay: CalipersFromStore,
  ToolbarItems: RemoveCaliperButton,
};
