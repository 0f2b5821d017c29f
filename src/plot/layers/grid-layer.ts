/** The paper grid: 1 mm minor and 5 mm major lines in whole device pixels, drawn every frame. */
import type { PlotLayout } from '../layout';
import { PAPER } from '../theme';
import type { Viewport } from '../viewport';

/** Smallest spacing in device px at which a grid level is still drawn (denser is just noise). */
const MIN_SPACING_DEVICE_PX = 3;

/**
 * Draws the grid for a viewport onto ctx (device px, identity transform), straight onto the
 * canvas every frame. A cached tile blitted instead saved under a millisecond per pan frame but
 * had to be rebuilt (1.5 stages of fill) after every zoom or long pan, and those rebuilds made
 * the slowest frames; a direct draw costs the same every frame.
 */
export function drawGrid(
  ctx: CanvasRenderingContext2D,
  layout: PlotLayout,
  vp: Viewport,
  dpr: number,
  stageWidthCss: number,
  stageHeightCss: number,
): void {
  drawGridInto(
    ctx,
    layout,
    vp.zoom * dpr,
    Math.round(vp.panX * dpr),
    Math.round(vp.panY * dpr),
    Math.ceil(stageWidthCss * dpr),
    Math.ceil(stageHeightCss * dpr),
  );
}

/**
 * Draws paper and grid for the device-px window [originX, originX+width) x [originY, ...) of the
 * world at `scale` device px per world px. Lines are whole device pixels, so they stay sharp.
 */
export function drawGridInto(
  ctx: CanvasRenderingContext2D,
  layout: PlotLayout,
  scale: number,
  originX: number,
  originY: number,
  width: number,
  height: number,
): void {
  ctx.fillStyle = PAPER.outside;
  ctx.fillRect(0, 0, width, height);
  const paperLeft = Math.round(0 * scale) - originX;
  const paperTop = Math.round(0 * scale) - originY;
  const paperRight = Math.round(layout.width * scale) - originX;
  const paperBottom = Math.round(layout.height * scale) - originY;
  const left = Math.max(0, paperLeft);
  const top = Math.max(0, paperTop);
  const right = Math.min(width, paperRight);
  const bottom = Math.min(height, paperBottom);
  if (right <= left || bottom <= top) return;
  ctx.fillStyle = PAPER.background;
  ctx.fillRect(left, top, right - left, bottom - top);
  const mmDevice = layout.scale.pxPerMm * scale;
  const lineWidth = Math.max(1, Math.round(scale / 2));
  for (const level of [
    { everyMm: 1, colour: PAPER.minor, skip: 5 },
    { everyMm: 5, colour: PAPER.major, skip: 0 },
  ]) {
    const step = level.everyMm * mmDevice;
    if (step < MIN_SPACING_DEVICE_PX) continue;
    ctx.fillStyle = level.colour;
    const firstX = Math.max(0, Math.ceil((left + originX) / step));
    for (let k = firstX; ; k++) {
      if (level.skip && k % level.skip === 0) continue;
      const x = Math.round(k * step) - originX;
      if (x >= right) break;
      ctx.fillRect(x, top, lineWidth, bottom - top);
    }
    const firstY = Math.max(0, Math.ceil((top + originY) / step));
    for (let k = firstY; ; k++) {
      if (level.skip && k % level.skip === 0) continue;
      const y = Math.round(k * step) - originY;
      if (y >= bottom) break;
      ctx.fillRect(left, y, right - left, lineWidth);
    }
  }
}
