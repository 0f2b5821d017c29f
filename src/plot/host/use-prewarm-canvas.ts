/** Has the browser allocate a canvas's second buffer before the user's first pan needs it. */
import type Konva from 'konva';
import { useEffect } from 'react';
import { layerRawContext } from './konva-private';

/**
 * The first redraw of a canvas after the compositor has shown it costs ~5 ms more than later
 * ones (the browser allocates the canvas's second buffer then), enough to push the user's first
 * pan or zoom over a frame's budget. Rewriting one pixel with its own value in the frame after
 * the first one is shown has the browser allocate that buffer there, without redrawing.
 */
export function usePrewarmCanvas(layer: () => Konva.Layer | null, sizeKey: string | null): void {
  useEffect(() => {
    if (sizeKey === null) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        const l = layer();
        if (!l) return;
        const ctx = layerRawContext(l);
        ctx.putImageData(ctx.getImageData(0, 0, 1, 1), 0, 0);
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [layer, sizeKey]);
}
