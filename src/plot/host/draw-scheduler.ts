/**
 * When the plot's two layers draw: the scene (paper grid and traces) only when the paper, the
 * record or the viewport changes; the overlays (bands, highlights, calipers, tools' marks) also
 * when they change. All requests of a frame are drawn once, in one animation frame.
 */
import type Konva from 'konva';
import { allocateLayerCanvas, routeLayerDraws } from './konva-private';

/** The plot's layers, bottom first. */
export type PlotLayerId = 'scene' | 'overlay';

/** How often each layer has drawn (the test API and benches read them). */
export interface DrawCounts {
  scene: number;
  overlay: number;
}

/** Schedules and counts the draws of one plot's layers. */
export class DrawScheduler {
  readonly counts: DrawCounts = { scene: 0, overlay: 0 };
  private readonly draws: Partial<Record<PlotLayerId, { layer: Konva.Layer; draw: () => void }>> =
    {};
  private readonly dirty = new Set<PlotLayerId>();
  private frame: number | null = null;
  /** True once the overlay layer holds ink (an empty layer over an empty canvas is not drawn). */
  private overlayInked = false;

  /** `beforeDraw` runs before each draw (it moves the overlays' world group to the viewport). */
  constructor(private readonly beforeDraw: () => void) {}

  /** Attaches a mounted layer (null: it unmounted). */
  attach(id: PlotLayerId, layer: Konva.Layer | null): void {
    if (!layer) {
      delete this.draws[id];
      return;
    }
    this.draws[id] = { layer, draw: routeLayerDraws(layer, () => this.schedule(id)) };
  }

  /** A mounted layer, or null. */
  layer(id: PlotLayerId): Konva.Layer | null {
    return this.draws[id]?.layer ?? null;
  }

  /** Asks for the layers to be drawn in the next animation frame. */
  schedule(...ids: PlotLayerId[]): void {
    for (const id of ids) this.dirty.add(id);
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.flush();
    });
  }

  /** Draws the layers now (and any already asked for), so the next frame does not draw them again. */
  drawNow(...ids: PlotLayerId[]): void {
    for (const id of ids) this.dirty.add(id);
    this.flush();
  }

  /** Draws whatever is asked for now (tests and benches: the frame, without waiting for it). */
  flush(): void {
    if (this.dirty.size === 0) return;
    this.beforeDraw();
    // Moving the world group asked Konva for a frame again; this draw makes it moot.
    const ids = (['scene', 'overlay'] as const).filter((id) => this.dirty.has(id));
    this.dirty.clear();
    if (this.frame !== null) {
      cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    for (const id of ids) this.drawLayer(id);
  }

  private drawLayer(id: PlotLayerId): void {
    const entry = this.draws[id];
    if (!entry) return;
    if (id === 'overlay') {
      const inked = entry.layer.getChildren().some((n) => !('hasChildren' in n) || n.hasChildren());
      // A canvas that never held ink is left alone: clearing it would allocate its buffer.
      if (!inked && !this.overlayInked) return;
      this.overlayInked = inked;
    }
    // The overlay canvas is sized (allocated) only once it has something to show.
    allocateLayerCanvas(entry.layer);
    entry.draw();
    this.counts[id]++;
  }

  /** Stops a pending frame (the plot unmounts). */
  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.dirty.clear();
  }
}
