/** The paper grid: 1 mm minor and 5 mm major lines, drawn once into a cached canvas and blitted. */
import type { PlotLayout } from '../layout';
import { PAPER } from '../theme';
import type { Viewport } from '../viewport';

/** Smallest spacing in device px at which a grid level is still drawn (denser is just noise). */
const MIN_SPACING_DEVICE_PX = 3;

/** A cached drawing of the grid over one world region at one zoom and pixel ratio. */
interface GridTile {
  readonly key: string;
  readonly canvas: HTMLCanvasElement;
  /** Device px offset of the tile's top-left, relative to the world origin at this zoom. */
  readonly originX: number;
  readonly originY: number;
  readonly width: number;
  readonly height: number;
}

/** Counts how often the cache was (re)drawn: tests and benches read it to prove the cache works. */
export interface GridCacheStats {
  renders: number;
  blits: number;
}

/**
 * Keeps one tile of grid larger than the stage (a quarter stage of margin on each side) and
 * redraws it only when zoom, pixel ratio or layout change or a pan leaves the tile.
 */
export class GridCache {
  private tile: GridTile | null = null;
  readonly stats: GridCacheStats = { renders: 0, blits: 0 };

  /** Draws the grid for the viewport onto ctx (device px, identity transform). */
  draw(
    ctx: CanvasRenderingContext2D,
    layout: PlotLayout,
    vp: Viewport,
    dpr: number,
    stageWidthCss: number,
    stageHeightCss: number,
  ): void {
    const scale = vp.zoom * dpr;
    const panXd = Math.round(vp.panX * dpr);
    const panYd = Math.round(vp.panY * dpr);
    const stageW = Math.ceil(stageWidthCss * dpr);
    const stageH = Math.ceil(stageHeightCss * dpr);
    const key = `${layout.kind}|${layout.width}|${layout.height}|${layout.scale.pxPerMm}|${scale}`;
    const t = this.tile;
    const inside =
      t !== null &&
      t.key === key &&
      panXd >= t.originX &&
      panYd >= t.originY &&
      panXd + stageW <= t.originX + t.width &&
      panYd + stageH <= t.originY + t.height;
    if (!inside) {
      const zoomChanged = t === null || t.key !== key;
      // While zooming each frame changes the key, so draw just the stage; margin comes on pan.
      const mx = zoomChanged ? 0 : Math.round(stageW / 4);
      const my = zoomChanged ? 0 : Math.round(stageH / 4);
      this.tile = renderTile(
        t?.canvas,
        key,
        layout,
        scale,
        panXd - mx,
        panYd - my,
        stageW + 2 * mx,
        stageH + 2 * my,
      );
      this.stats.renders++;
    }
    const tile = this.tile!;
    ctx.drawImage(
      tile.canvas,
      0,
      0,
      tile.width,
      tile.height,
      tile.originX - panXd,
      tile.originY - panYd,
      tile.width,
      tile.height,
    );
    this.stats.blits++;
  }
}

function renderTile(
  reuse: HTMLCanvasElement | undefined,
  key: string,
  layout: PlotLayout,
  scale: number,
  originX: number,
  originY: number,
  width: number,
  height: number,
): GridTile {
  const canvas = reuse ?? document.createElement('canvas');
  // Grow only: a zoom tile (stage only) reuses the pan tile's larger canvas without reallocating.
  if (canvas.width < width) canvas.width = width;
  if (canvas.height < height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('grid: no 2D context for the grid cache');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  drawGridInto(ctx, layout, scale, originX, originY, width, height);
  return { key, canvas, originX, originY, width, height };
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
