/**
 * A plot plugin written as a feature would write one, for the harness: a "window" tool (key W)
 * that drags out a time window in a cell, an overlay that bands it in every cell showing that
 * time, a grab that moves it in any tool, and a key (X, plot focused) that clears it.
 */
import { Rect } from 'react-konva';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  PlotOverlayProps,
  PlotPlugin,
  PlotPointer,
  PlotToolContext,
} from '../interactions/plot-plugin';
import { PLOT_SCOPE } from '../interactions/scopes';
import { bandPieces, cellXToTime } from '../layout';
import { OVERLAY } from '../theme';

/** A time window in seconds from the record's start. */
export interface TimeWindow {
  readonly startS: number;
  readonly endS: number;
}

/** The harness's window state (a feature would keep it in its own store). */
interface WindowState {
  readonly window: TimeWindow | null;
  setWindow(w: TimeWindow | null): void;
}
/** A window store. */
export type WindowStore = StoreApi<WindowState>;

/** Creates an empty window store. */
export const createWindowStore = (): WindowStore =>
  createStore<WindowState>()((set) => ({ window: null, setWindow: (window) => set({ window }) }));

/** Seconds of record under the pointer, read in the cell it pressed (null off the traces). */
const timeAt = (ctx: PlotToolContext, p: PlotPointer, cell = p.cell) =>
  cell ? cellXToTime(ctx.layout(), cell, p.wx) : null;

const inside = (w: TimeWindow | null, tS: number | null) =>
  w !== null && tS !== null && tS >= w.startS && tS <= w.endS;

/** The window plugin over a window store. */
export function createWindowPlugin(windows: WindowStore): PlotPlugin {
  function WindowOverlay({ layout }: PlotOverlayProps) {
    const w = useStore(windows, (s) => s.window);
    if (!w) return null;
    return bandPieces(layout, w.startS, w.endS).map((piece) => (
      <Rect
        key={piece.cellId}
        {...piece.rect}
        fill={`${OVERLAY.selected}33`}
        stroke={OVERLAY.selected}
        strokeWidth={2}
        strokeScaleEnabled={false}
        listening={false}
      />
    ));
  }
  return {
    id: 'harness-window',
    tools: [
      {
        id: 'window',
        label: 'Window',
        key: 'w',
        description: 'Drag out a time window; again for pan',
        cursor: 'col-resize',
        press(start, ctx) {
          const cell = start.cell;
          if (!cell) return null;
          const set = (p: PlotPointer) => {
            const a = timeAt(ctx, start, cell)!;
            const b = timeAt(ctx, p, cell)!;
            windows.getState().setWindow({ startS: Math.min(a, b), endS: Math.max(a, b) });
          };
          return { move: set, end: (p, _s, moved) => moved && set(p) };
        },
      },
    ],
    grab(start, ctx) {
      const from = windows.getState().window;
      const cell = start.cell;
      if (!from || !cell || !inside(from, timeAt(ctx, start))) return null;
      const t0 = timeAt(ctx, start, cell)!;
      const moveTo = (p: PlotPointer) => {
        const dt = timeAt(ctx, p, cell)! - t0;
        windows.getState().setWindow({ startS: from.startS + dt, endS: from.endS + dt });
      };
      return {
        move: moveTo,
        end: (p, _s, moved) => moved && moveTo(p),
        cancel: () => windows.getState().setWindow(from),
        keepsClick: true,
        cursor: 'move',
      };
    },
    hoverCursor: (p, ctx) => (inside(windows.getState().window, timeAt(ctx, p)) ? 'move' : null),
    commands: [
      {
        id: 'window.clear',
        scope: PLOT_SCOPE,
        keys: ['x'],
        label: 'Clear the time window (plot focused)',
        run: () => {
          if (!windows.getState().window) return false;
          windows.getState().setWindow(null);
        },
      },
    ],
    Overlay: WindowOverlay,
  };
}
