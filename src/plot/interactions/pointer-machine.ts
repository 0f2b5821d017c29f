/**
 * The plot's pointer handling as a small state machine: idle, or following one gesture. A press
 * goes to the plugins' grabs first (in any tool), then to the picked tool, else it pans; a
 * release without a drag is a click. Plugins are asked last-added first, as they are drawn on top.
 */
import { panBy } from '../viewport';
import {
  pluginTools,
  type PlotPlugin,
  type PlotPointer,
  type PlotToolContext,
  type PointerGesture,
} from './plot-plugin';

/** Pointer movement in CSS px below which a press is a click, not a drag. */
export const CLICK_SLOP_PX = 4;

/** A press that no grab or tool took: dragging moves the paper. */
export function panGesture(ctx: PlotToolContext): PointerGesture {
  const startVp = ctx.store.getState().viewport;
  return {
    move: (p, start) =>
      ctx.setViewport(panBy(startVp, -(p.clientX - start.clientX), -(p.clientY - start.clientY))),
  };
}

interface Following {
  readonly gesture: PointerGesture;
  readonly start: PlotPointer;
  moved: boolean;
}

/** One plot's pointer state; `plugins` is read on every event (they may change between renders). */
export class PointerMachine {
  private following: Following | null = null;

  constructor(
    private readonly plugins: () => readonly PlotPlugin[],
    private readonly ctx: PlotToolContext,
  ) {}

  /** True while a press is being followed. */
  get active(): boolean {
    return this.following !== null;
  }

  /** A primary button press at a client point; true when a gesture now follows the pointer. */
  down(clientX: number, clientY: number): boolean {
    const p = this.ctx.pointerAt(clientX, clientY);
    let gesture: PointerGesture | null = null;
    for (const plugin of [...this.plugins()].reverse()) {
      const grabbed = plugin.grab?.(p, this.ctx) ?? null;
      if (grabbed === 'done') return false;
      if (grabbed) {
        gesture = grabbed;
        break;
      }
    }
    gesture ??= this.pickedTool()?.press?.(p, this.ctx) ?? null;
    this.following = { gesture: gesture ?? panGesture(this.ctx), start: p, moved: false };
    return true;
  }

  /** A pointer move (with or without a press). */
  move(clientX: number, clientY: number): void {
    const f = this.following;
    if (!f) return;
    const p = this.ctx.pointerAt(clientX, clientY);
    if (
      !f.moved &&
      Math.hypot(p.clientX - f.start.clientX, p.clientY - f.start.clientY) < CLICK_SLOP_PX
    )
      return;
    f.moved = true;
    f.gesture.move?.(p, f.start);
  }

  /** The button is released: the gesture ends, and a press without a drag is a click. */
  up(clientX: number, clientY: number): void {
    const f = this.following;
    this.following = null;
    if (!f) return;
    const p = this.ctx.pointerAt(clientX, clientY);
    f.gesture.end?.(p, f.start, f.moved);
    if (f.moved || f.gesture.keepsClick) return;
    for (const plugin of [...this.plugins()].reverse()) if (plugin.click?.(p, this.ctx)) return;
  }

  /** Stops the gesture in progress, undoing it; false when there was none. */
  cancel(): boolean {
    const f = this.following;
    this.following = null;
    if (!f) return false;
    f.gesture.cancel?.();
    return true;
  }

  /** The cursor at a point: the dragged gesture's, else a grab's, else the picked tool's. */
  cursorAt(p: PlotPointer): string {
    const dragging = this.following?.gesture.cursor;
    if (dragging) return dragging;
    for (const plugin of [...this.plugins()].reverse()) {
      const cursor = plugin.hoverCursor?.(p, this.ctx);
      if (cursor) return cursor;
    }
    return this.pickedTool()?.cursor ?? 'crosshair';
  }

  private pickedTool() {
    const tools = pluginTools(this.plugins());
    const id = this.ctx.store.getState().tool;
    return tools.find((t) => t.id === id) ?? tools[0];
  }
}
