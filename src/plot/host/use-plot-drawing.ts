/**
 * When a plot draws: both layers at once, in the commit, when the paper, stage or record changes
 * (the viewport fitted or clamped first); both in the next frame when the viewport moves.
 */
import { useCallback, useEffect, useLayoutEffect } from 'react';
import type { PlotLayout } from '../layout';
import { clampViewport, MAX_ZOOM, MIN_ZOOM, type Viewport } from '../viewport';
import type { PlotStore } from '../viewport-store';
import type { DrawScheduler } from './draw-scheduler';
import { usePrewarmCanvas } from './use-prewarm-canvas';

/** The zoom that shows the whole paper in the stage, from its top-left corner. */
function fitViewport(layout: PlotLayout, size: { width: number; height: number }): Viewport {
  const zoom = Math.min(size.width / layout.width, size.height / layout.height);
  return { zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)), panX: 0, panY: 0 };
}

/** Keeps a plot's layers drawn for its store, paper and stage size (CSS px). */
export function usePlotDrawing(
  scheduler: DrawScheduler,
  store: PlotStore,
  layout: PlotLayout,
  size: { width: number; height: number } | null,
  autoFit: boolean,
): void {
  // Zoom and pan never re-render React: they move the world group and redraw both layers.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.viewport !== prev.viewport) scheduler.schedule('scene', 'overlay');
      }),
    [store, scheduler],
  );

  // A new record never shows with the last one's overlays, even for one frame.
  useLayoutEffect(() => {
    if (!size) return;
    const state = store.getState();
    const clamped = clampViewport(
      state.autoFit ? fitViewport(layout, size) : state.viewport,
      layout,
      size,
    );
    const old = state.viewport;
    if (clamped.zoom !== old.zoom || clamped.panX !== old.panX || clamped.panY !== old.panY) {
      // Written directly: fitting or clamping is not a user zoom, so autoFit stays as it was.
      store.setState({ viewport: clamped });
    }
    scheduler.drawNow('scene', 'overlay');
  }, [size, layout, autoFit, scheduler, store]);

  const sceneLayer = useCallback(() => scheduler.layer('scene'), [scheduler]);
  usePrewarmCanvas(sceneLayer, size ? `${size.width}x${size.height}` : null);
}
