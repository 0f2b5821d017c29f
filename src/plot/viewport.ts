/** Pure viewport maths: zoom and pan between world px (paper at zoom 1) and screen CSS px. */

/** Zoom factor and pan offset; screen = world * zoom - pan (all CSS px). */
export interface Viewport {
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
}

/** Zoom limits: from a quarter of true size to eight times it. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

/** The unzoomed, unpanned viewport. */
export const IDENTITY_VIEWPORT: Viewport = { zoom: 1, panX: 0, panY: 0 };

/** World px -> screen CSS px on the x axis. */
export const worldToScreenX = (vp: Viewport, x: number): number => x * vp.zoom - vp.panX;
/** World px -> screen CSS px on the y axis. */
export const worldToScreenY = (vp: Viewport, y: number): number => y * vp.zoom - vp.panY;
/** Screen CSS px -> world px on the x axis. */
export const screenToWorldX = (vp: Viewport, x: number): number => (x + vp.panX) / vp.zoom;
/** Screen CSS px -> world px on the y axis. */
export const screenToWorldY = (vp: Viewport, y: number): number => (y + vp.panY) / vp.zoom;

/** Keeps the paper on screen: no panning past its edges; small paper sits at the top-left. */
export function clampViewport(
  vp: Viewport,
  paper: { width: number; height: number },
  stage: { width: number; height: number },
): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, vp.zoom));
  const maxPanX = Math.max(0, paper.width * zoom - stage.width);
  const maxPanY = Math.max(0, paper.height * zoom - stage.height);
  return {
    zoom,
    panX: Math.min(maxPanX, Math.max(0, vp.panX)),
    panY: Math.min(maxPanY, Math.max(0, vp.panY)),
  };
}

/** Zooms by a factor keeping the world point under screen (sx, sy) (CSS px) in place. */
export function zoomAt(vp: Viewport, factor: number, sx: number, sy: number): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, vp.zoom * factor));
  const wx = screenToWorldX(vp, sx);
  const wy = screenToWorldY(vp, sy);
  return { zoom, panX: wx * zoom - sx, panY: wy * zoom - sy };
}

/** Pans by a screen delta in CSS px (positive dx moves the paper left). */
export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { zoom: vp.zoom, panX: vp.panX + dx, panY: vp.panY + dy };
}
