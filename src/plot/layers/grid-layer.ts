/** The paper grid: 1 mm minor and 5 mm major lines, blitted from a cached tile built in idle time. */
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

/** Counts tile renders, blits and direct draws: tests and benches read it to prove the cache works. */
export interface GridCacheStats {
  renders: number;
  blits: number;
  direct: number;
}

/** How long the view must keep one zoom before its tile is built (a zoom gesture builds none). */
const SETTLE_MS = 120;

/** What the next tile render covers: the latest directly drawn view. */
interface TileWanted {
  readonly key: string;
  readonly layout: PlotLayout;
  readonly scale: number;
  readonly panXd: number;
  readonly panYd: number;
  readonly stageW: number;
  readonly stageH: number;
}

/**
 * Keeps one tile of grid larger than the stage (a quarter stage of margin on each side). A frame
 * never renders the tile: when the tile does not cover the stage (zoom, resize, a pan past its
 * margin) the frame draws the grid straight onto the canvas, which costs about what a blit does,
 * and once the zoom has settled the tile for the latest view is rendered in idle time.
 */
export class GridCache {
  private tile: GridTile | null = null;
  private wanted: TileWanted | null = null;
  private pendingKey: string | null = null;
  private cancelPending: (() => void) | null = null;
  readonly stats: GridCacheStats = { renders: 0, blits: 0, direct: 0 };

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
    const key = `${layout.kind}|${layout.width}|${layout.height}|${layout.scale.pxPerMm}|${scale}|${stageW}x${stageH}`;
    const t = this.tile;
    const inside =
      t !== null &&
      t.key === key &&
      panXd >= t.originX &&
      panYd >= t.originY &&
      panXd + stageW <= t.originX + t.width &&
      panYd + stageH <= t.originY + t.height;
    if (inside) {
      ctx.drawImage(
        t.canvas,
        0,
        0,
        t.width,
        t.height,
        t.originX - panXd,
        t.originY - panYd,
        t.width,
        t.height,
      );
      this.stats.blits++;
      return;
    }
    drawGridInto(ctx, layout, scale, panXd, panYd, stageW, stageH);
    this.stats.direct++;
    this.wanted = { key, layout, scale, panXd, panYd, stageW, stageH };
    // A pan at the same zoom keeps the pending render (it will centre on the latest view).
    if (this.pendingKey !== key) this.schedule(key);
  }

  /** Drops a pending render (the plot unmounted). */
  dispose(): void {
    this.cancelPending?.();
    this.cancelPending = null;
    this.pendingKey = null;
  }

  private schedule(key: string): void {
    this.cancelPending?.();
    this.pendingKey = key;
    let idleId: number | null = null;
    const timer = setTimeout(() => {
      const build = () => {
        this.cancelPending = null;
        this.pendingKey = null;
        this.renderWanted();
      };
      if (typeof requestIdleCallback === 'function')
        idleId = requestIdleCallback(build, { timeout: 500 });
      else build();
    }, SETTLE_MS);
    this.cancelPending = () => {
      clearTimeout(timer);
      if (idleId !== null) cancelIdleCallback(idleId);
    };
  }

  private renderWanted(): void {
    const w = this.wanted;
    if (!w) return;
    const mx = Math.round(w.stageW / 4);
    const my = Math.round(w.stageH / 4);
    this.tile = renderTile(
      this.tile?.canvas,
      w.key,
      w.layout,
      w.scale,
      w.panXd - mx,
      w.panYd - my,
      w.stageW + 2 * mx,
      w.stageH + 2 * my,
    );
    this.stats.renders++;
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
  // Grow only: a tile for a smaller stage reuses the larger canvas without reallocating.
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
