/** Draws traces (decimated to min/max per device pixel column), calibration pulses and lead names. */
import type { EcgRecord } from '../../domain/wfdb/record';
import { createMinMaxColumns, decimateMinMax, type MinMaxColumns } from '../decimate';
import { cellLabel, type PlotCell, type PlotLayout } from '../layout';
import { pxPerMv, pxPerSecond } from '../paper';
import { LABEL_FONT_CSS_PX, PAPER } from '../theme';
import type { Viewport } from '../viewport';
import { traceHairlineOffsets } from './trace-stroke';

/** What one trace draw needs; all sizes in CSS px unless named otherwise. */
export interface TraceDrawInput {
  readonly record: EcgRecord;
  readonly layout: PlotLayout;
  readonly viewport: Viewport;
  readonly dpr: number;
  readonly stageWidth: number;
  readonly stageHeight: number;
}

/** Counters of the last draw (samples read, columns drawn) for tests and benches. */
export interface TraceDrawStats {
  samples: number;
  columns: number;
  cells: number;
}

/** Draws traces with reusable decimation buffers; one instance per plot. */
export class TraceRenderer {
  private columns: MinMaxColumns = createMinMaxColumns(4096);
  readonly last: TraceDrawStats = { samples: 0, columns: 0, cells: 0 };

  /** Draws everything on ctx, which must have an identity transform (device px). */
  draw(ctx: CanvasRenderingContext2D, input: TraceDrawInput): void {
    const { layout, viewport: vp, dpr } = input;
    this.last.samples = 0;
    this.last.columns = 0;
    this.last.cells = 0;
    const s = vp.zoom * dpr;
    const panX = vp.panX * dpr;
    const panY = vp.panY * dpr;
    drawPulses(ctx, layout, s, panX, panY, input.stageHeight * dpr);
    ctx.strokeStyle = PAPER.trace;
    ctx.lineWidth = 1;
    // The canvas defaults, set because the context is shared: on 1 px hairlines round joins and
    // caps look the same but cost the rasteriser about a third more (3.9 vs 2.5 ms for 12 leads).
    ctx.lineJoin = 'miter';
    ctx.lineCap = 'butt';
    const offsets = traceHairlineOffsets(vp.zoom, dpr);
    // One path per cell: the rasteriser fills several small paths faster than one tall one.
    for (const cell of layout.cells) {
      const path = new Path2D();
      if (!this.traceCell(path, input, cell, s, panX, panY)) continue;
      for (const offset of offsets) {
        ctx.setTransform(1, 0, 0, 1, offset, offset);
        ctx.stroke(path);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawLabelsAndSeparators(ctx, layout, s, panX, panY, dpr, input.stageHeight * dpr);
  }

  private traceCell(
    ctx: CanvasPath,
    input: TraceDrawInput,
    cell: PlotCell,
    s: number,
    panX: number,
    panY: number,
  ): boolean {
    if (cell.signalIndex === null) return false;
    const signal = input.record.signals[cell.signalIndex];
    if (!signal) return false;
    const { layout } = input;
    const stageW = input.stageWidth * input.dpr;
    const stageH = input.stageHeight * input.dpr;
    const rowTop = cell.rect.y * s - panY;
    const rowBottom = (cell.rect.y + cell.rect.height) * s - panY;
    // Traces may overshoot their row a little, as on paper; skip rows far off screen.
    if (rowBottom + cell.rect.height * s < 0 || rowTop - cell.rect.height * s > stageH)
      return false;
    const fs = input.record.fsHz;
    const pxPerS = pxPerSecond(layout.scale);
    const cellLeft = cell.rect.x * s - panX;
    const visibleFromS = cell.tStartS + Math.max(0, -cellLeft) / (pxPerS * s);
    const visibleToS =
      cell.tStartS + Math.min(cell.rect.width * s, stageW - cellLeft) / (pxPerS * s);
    if (visibleToS < visibleFromS) return false;
    const first = Math.max(
      0,
      Math.floor(visibleFromS * fs) - 1,
      Math.ceil(cell.tStartS * fs - 1e-9),
    );
    const last = Math.min(
      input.record.nSamples,
      Math.ceil(visibleToS * fs) + 2,
      Math.floor(cell.tEndS * fs + 1e-9) + 1,
    );
    if (last - first < 2) return false;
    this.last.cells++;
    this.last.samples += last - first;
    const dxPerSample = (pxPerS * s) / fs;
    const x0 = cellLeft + (first / fs - cell.tStartS) * pxPerS * s;
    const yScale = pxPerMv(layout.scale) * s;
    const baseline = cell.baselineY * s - panY;
    const mv = signal.mv;
    if (dxPerSample >= 1) {
      // Fewer samples than pixels: draw every sample where it falls.
      let pen = false;
      for (let i = first; i < last; i++) {
        const v = mv[i]!;
        if (v !== v) {
          pen = false;
          continue;
        }
        const x = x0 + (i - first) * dxPerSample;
        const y = baseline - v * yScale;
        if (pen) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        pen = true;
      }
      this.last.columns += last - first;
      return true;
    }
    const cols = (this.columns = decimateMinMax(mv, first, last, x0, dxPerSample, this.columns));
    for (let k = 0; k < cols.count; k++) {
      const x = cols.column[k]! + 0.5;
      const maxFirst = cols.maxFirst[k] === 1;
      const a = baseline - (maxFirst ? cols.max[k]! : cols.min[k]!) * yScale;
      const b = baseline - (maxFirst ? cols.min[k]! : cols.max[k]!) * yScale;
      if (k === 0 || cols.gapBefore[k] === 1) ctx.moveTo(x, a);
      else ctx.lineTo(x, a);
      if (b !== a) ctx.lineTo(x, b);
    }
    this.last.columns += cols.count;
    return true;
  }
}

function drawPulses(
  ctx: CanvasRenderingContext2D,
  layout: PlotLayout,
  s: number,
  panX: number,
  panY: number,
  stageH: number,
): void {
  ctx.strokeStyle = PAPER.trace;
  ctx.lineWidth = Math.max(1, Math.round(s * 1.25));
  ctx.lineJoin = 'miter';
  ctx.beginPath();
  for (const p of layout.pulses) {
    const base = p.baselineY * s - panY;
    if (base < -p.rect.height * s || base > stageH + p.rect.height * s) continue;
    const x0 = p.lineStartX * s - panX;
    const xUp = p.rect.x * s - panX;
    const xDown = (p.rect.x + p.rect.width) * s - panX;
    const xEnd = p.lineEndX * s - panX;
    const top = p.rect.y * s - panY;
    ctx.moveTo(x0, base);
    ctx.lineTo(xUp, base);
    ctx.lineTo(xUp, top);
    ctx.lineTo(xDown, top);
    ctx.lineTo(xDown, base);
    ctx.lineTo(xEnd, base);
  }
  ctx.stroke();
}

function drawLabelsAndSeparators(
  ctx: CanvasRenderingContext2D,
  layout: PlotLayout,
  s: number,
  panX: number,
  panY: number,
  dpr: number,
  stageH: number,
): void {
  const font = Math.round(LABEL_FONT_CSS_PX * dpr * Math.min(2, Math.max(0.6, s / dpr)));
  ctx.font = `600 ${font}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillStyle = PAPER.label;
  const mm = layout.scale.pxPerMm * s;
  for (const cell of layout.cells) {
    const x = cell.rect.x * s - panX;
    const y = cell.rect.y * s - panY;
    // A 30-minute record wraps into hundreds of rows: label only those on screen.
    if (y + cell.rect.height * s < 0 || y > stageH) continue;
    ctx.fillText(cellLabel(layout, cell), x + mm * 1.2, y + mm * 0.8);
    // Column boundaries in 3x4: a short vertical tick through the baseline, as printed ECGs mark them.
    if (cell.col > 0) {
      const base = cell.baselineY * s - panY;
      ctx.fillStyle = PAPER.separator;
      ctx.fillRect(
        Math.round(x) - Math.floor(dpr / 2),
        base - mm * 2.5,
        Math.max(1, Math.round(dpr)),
        mm * 5,
      );
      ctx.fillStyle = PAPER.label;
    }
  }
}
