/**
 * Every use of Konva's private API, in one place, for the next Konva upgrade to check: a layer's
 * pending-draw flag (`_waitingForDraw`), its `draw`/`batchDraw` replaced so Konva's own draws join
 * the plot's frame, a layer subclass (registered as a react-konva node type) whose `_setSize` is
 * held back until the layer has ink, and the raw 2D context and canvas element under Konva's
 * wrappers.
 */
import Konva from 'konva';
import type { Layer } from 'react-konva';

/** The browser's 2D context under a Konva context (device px, Konva's transform unless reset). */
export const rawContext = (context: Konva.Context): CanvasRenderingContext2D => context._context;

/** A layer's canvas element (device px). */
export const layerCanvasElement = (layer: Konva.Layer): HTMLCanvasElement =>
  layer.getCanvas()._canvas;

/** The 2D context of a layer's canvas. */
export const layerRawContext = (layer: Konva.Layer): CanvasRenderingContext2D =>
  rawContext(layer.getCanvas().getContext());

/**
 * Routes a layer's draws through `schedule`: Konva asks for a batched draw whenever a node on it
 * changes, and draws a layer on its own when it joins the stage; both become requests for the
 * plot's own frame, so one frame draws each layer at most once. Returns Konva's own synchronous
 * draw, which the plot calls in that frame.
 */
export function routeLayerDraws(layer: Konva.Layer, schedule: () => void): () => void {
  const konvaDraw = layer.draw.bind(layer);
  // Konva queued draws of its own while React built and added the layer (they would all run in
  // the next animation frame); the synchronous draw that ends this commit already drew what they
  // were for, so they are skipped rather than drawing the layer again.
  let skipKonvaDraws = layer._waitingForDraw;
  if (skipKonvaDraws) requestAnimationFrame(() => (skipKonvaDraws = false));
  layer.batchDraw = () => {
    schedule();
    return layer;
  };
  layer.draw = () => {
    if (!skipKonvaDraws) schedule();
    return layer;
  };
  return () => {
    konvaDraw();
  };
}

/**
 * A layer whose canvas is sized (its bitmap allocated and cleared, ~4 ms for a 1200 x 700 stage
 * in software) only once `allocateLayerCanvas` asks: the stage sizes every layer as it joins and
 * resizes, which a layer with nothing to draw yet should not cost the plot's first draw. Until
 * then its canvas stays 0 x 0 and shows nothing.
 */
class DeferredSizeLayer extends Konva.Layer {
  private heldSize: { width: number; height: number } | null = null;
  private sized = false;

  override _setSize(size: { width: number; height: number }): this {
    if (this.sized) return super._setSize(size);
    this.heldSize = size;
    return this;
  }

  /** Sizes the canvas to the stage now (once). */
  allocate(): void {
    if (this.sized) return;
    this.sized = true;
    if (this.heldSize) super._setSize(this.heldSize);
  }
}

// react-konva makes a node of type T as `new Konva[T]()`: registered, the class is a component.
(Konva as unknown as Record<string, unknown>)['PlotDeferredSizeLayer'] = DeferredSizeLayer;

/** The deferred-size layer as a react-konva component. */
export const DeferredSizeLayerComponent = 'PlotDeferredSizeLayer' as unknown as typeof Layer;

/** Sizes a deferred layer's canvas to the stage (no-op for any other layer). */
export function allocateLayerCanvas(layer: Konva.Layer): void {
  if (layer instanceof DeferredSizeLayer) layer.allocate();
}
