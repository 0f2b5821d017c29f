/**
 * One plot's imperative parts, made once per plot: the draw scheduler, the context tools and keys
 * act on, and the pointer machine. They read `live`, which the plot rewrites after each render.
 */
import type Konva from 'konva';
import type { EcgRecord } from '../domain/wfdb/record';
import { DrawScheduler } from './host/draw-scheduler';
import { rawContext } from './host/konva-private';
import { drawGrid } from './layers/grid-layer';
import { TraceRenderer } from './layers/trace-layer';
import type { PlotPlugin, PlotToolContext } from './interactions/plot-plugin';
import { PointerMachine } from './interactions/pointer-machine';
import { cellAt, type PlotLayout } from './layout';
import { clampViewport, screenToWorldX, screenToWorldY, type Viewport } from './viewport';
import type { PlotStore } from './viewport-store';

/** The latest paper, record, stage size (CSS px), plugins and store of a plot. */
export interface LivePlot {
  readonly layout: PlotLayout;
  readonly record: EcgRecord;
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly plugins: readonly PlotPlugin[];
  readonly store: PlotStore;
}

/** A plot's scheduler, tool context and pointer machine over its live values. */
export class PlotRuntime {
  private live: LivePlot;
  /** The plot's host element (pointer positions are relative to it). */
  private host: HTMLElement | null = null;
  private worldGroup: Konva.Group | null = null;
  readonly scheduler: DrawScheduler;
  readonly ctx: PlotToolContext;
  readonly machine: PointerMachine;
  readonly traceRenderer = new TraceRenderer();

  constructor(live: LivePlot) {
    this.live = live;
    this.scheduler = new DrawScheduler(() => {
      const vp = this.live.store.getState().viewport;
      this.worldGroup?.position({ x: -vp.panX, y: -vp.panY });
      this.worldGroup?.scale({ x: vp.zoom, y: vp.zoom });
    });
    const clamp = (vp: Viewport): Viewport => {
      const { layout, size } = this.live;
      return size ? clampViewport(vp, layout, size) : vp;
    };
    const current = () => this.live;
    this.ctx = {
      get store() {
        return current().store;
      },
      layout: () => this.live.layout,
      stageSize: () => this.live.size ?? { width: 0, height: 0 },
      setViewport: (vp) => this.live.store.getState().setViewport(clamp(vp)),
      pointerAt: (clientX, clientY) => {
        const box = this.host?.getBoundingClientRect();
        const sx = clientX - (box?.left ?? 0);
        const sy = clientY - (box?.top ?? 0);
        const vp = this.live.store.getState().viewport;
        const wx = screenToWorldX(vp, sx);
        const wy = screenToWorldY(vp, sy);
        return { clientX, clientY, sx, sy, wx, wy, cell: cellAt(this.live.layout, wx, wy) };
      },
      cancelGesture: () => this.machine.cancel(),
    };
    this.machine = new PointerMachine(() => this.live.plugins, this.ctx);
  }

  /** The plot's latest values. */
  current(): LivePlot {
    return this.live;
  }

  /** Takes the plot's values after a render, and its host element. */
  update(live: LivePlot, host: HTMLElement | null): void {
    this.live = live;
    this.host = host;
  }

  /**
   * Konva scene function of the scene layer: grid and traces in device px on its raw context
   * (identity transform, so every line stays a whole device pixel).
   */
  readonly sceneFunc = (context: Konva.Context): void => {
    const { layout, size, record, store } = this.live;
    if (!size) return;
    const ctx = rawContext(context);
    const viewport = store.getState().viewport;
    const dpr = context.canvas.getPixelRatio();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawGrid(ctx, layout, viewport, dpr, size.width, size.height);
    this.traceRenderer.draw(ctx, {
      record,
      layout,
      viewport,
      dpr,
      stageWidth: size.width,
      stageHeight: size.height,
    });
    ctx.restore();
  };

  /** Ref callback of the overlays' world group, which follows the viewport. */
  readonly attachWorldGroup = (group: Konva.Group | null): void => {
    this.worldGroup = group;
  };
}
