/**
 * Bench page (built and driven by src/bench/plot.ts): draws one record with our plot, a raw
 * Canvas2D drawing with the same decimation, and uPlot, timing first draws and pan/zoom frames.
 * Every timing ends by reading back one pixel, so the canvas raster is in the figure too.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { decodeWfdbFiles } from '../../domain/wfdb/decode-files';
import type { EcgRecord } from '../../domain/wfdb/record';
import { createMinMaxColumns, decimateMinMax } from '../decimate';
import { EcgPlot } from '../ecg-plot';
import { computeLayout, type PlotLayout } from '../layout';
import { DEFAULT_PAPER, pxPerMv, pxPerSecond } from '../paper';
import { PAPER } from '../theme';
import { clampViewport, type Viewport } from '../viewport';
import { createPlotStore } from '../viewport-store';

/** One scripted frame: a viewport for our plot and raw Canvas2D, and the same time span for uPlot. */
interface Frame {
  readonly vp: Viewport;
  readonly fromS: number;
  readonly toS: number;
}

/** Timings of one run, in ms. */
export interface BenchRun {
  readonly firstDrawMs: number;
  readonly frameMs: number[];
}

let record: EcgRecord | null = null;
const host = () => document.getElementById('host')!;
const readPixel = (canvas: HTMLCanvasElement) =>
  canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data[3];

function layoutFor(r: EcgRecord): PlotLayout {
  return computeLayout({
    kind: '12x1',
    leadNames: r.signals.map((s) => s.name),
    durationS: r.nSamples / r.fsHz,
    scale: DEFAULT_PAPER,
  });
}

/** The scripted frames: pans then zooms in and out, starting from `start` (same for all three). */
function script(
  layout: PlotLayout,
  size: { width: number; height: number },
  start: Viewport,
  count: number,
): Frame[] {
  const frames: Frame[] = [];
  let vp = start;
  const pxPerS = pxPerSecond(layout.scale);
  for (let i = 0; i < count; i++) {
    const zooming = i >= count / 2;
    const next: Viewport = zooming
      ? { zoom: vp.zoom * (i % 2 ? 1 / 1.1 : 1.1), panX: vp.panX, panY: vp.panY }
      : { zoom: vp.zoom, panX: vp.panX + 23, panY: vp.panY };
    vp = clampViewport(next, layout, size);
    const fromS = (vp.panX / vp.zoom - layout.timeOriginX) / pxPerS;
    frames.push({ vp, fromS, toS: fromS + size.width / vp.zoom / pxPerS });
  }
  return frames;
}

const api = {
  /** Decodes the record from base64 file bytes. */
  load(files: Record<string, string>, recordName: string): { nSamples: number; leads: number } {
    const bytes = new Map(
      Object.entries(files).map(([name, b64]) => [
        name,
        Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
      ]),
    );
    record = decodeWfdbFiles(bytes, recordName);
    return { nSamples: record.nSamples, leads: record.signals.length };
  },

  /** Our plot (12x1): mount to first complete draw, then each scripted frame drawn synchronously. */
  ours(startZoom: number, frames: number): BenchRun {
    const r = record!;
    const root: Root = createRoot(host());
    const store = createPlotStore({
      layoutKind: '12x1',
      autoFit: false,
      viewport: { zoom: startZoom, panX: 0, panY: 0 },
    });
    const t0 = performance.now();
    flushSync(() => root.render(<EcgPlot record={r} store={store} />));
    const canvases = [...host().querySelectorAll('canvas')];
    canvases.forEach(readPixel);
    const firstDrawMs = performance.now() - t0;
    const plot = window.__ECG_PLOT__!;
    if (plot.getState().draws.traces < 1)
      throw new Error('bench: our plot did not draw its traces');
    const s = plot.getState();
    const script_ = script(
      layoutFor(r),
      { width: s.stage.width, height: s.stage.height },
      { zoom: s.zoom, panX: 0, panY: 0 },
      frames,
    );
    const frameMs = script_.map((f) => {
      const t = performance.now();
      plot.drawFrame(f.vp);
      canvases.forEach(readPixel);
      return performance.now() - t;
    });
    root.unmount();
    return { firstDrawMs, frameMs };
  },

  /** Raw Canvas2D: the same layout, grid and min/max decimation, redrawn in full every frame. */
  raw(startZoom: number, frames: number): BenchRun {
    const r = record!;
    const width = host().clientWidth;
    const height = host().clientHeight;
    const dpr = window.devicePixelRatio;
    const t0 = performance.now();
    const canvas = document.createElement('canvas');
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    host().appendChild(canvas);
    const ctx = canvas.getContext('2d')!;
    const layout = layoutFor(r);
    let cols = createMinMaxColumns(4096);
    const draw = (vp: Viewport) => {
      const s = vp.zoom * dpr;
      ctx.fillStyle = PAPER.background;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = PAPER.minor;
      // Same rule as our grid: minor lines only while they are at least 3 device px apart.
      const mm = layout.scale.pxPerMm * s * (layout.scale.pxPerMm * s >= 3 ? 1 : 5);
      for (let x = -((vp.panX * dpr) % mm); x < canvas.width; x += mm)
        ctx.fillRect(Math.round(x), 0, 1, canvas.height);
      for (let y = -((vp.panY * dpr) % mm); y < canvas.height; y += mm)
        ctx.fillRect(0, Math.round(y), canvas.width, 1);
      ctx.strokeStyle = PAPER.trace;
      ctx.lineWidth = 1.25 * dpr;
      ctx.beginPath();
      const pxPerS = pxPerSecond(layout.scale) * s;
      for (const cell of layout.cells) {
        const mv = r.signals[cell.signalIndex!]!.mv;
        const left = cell.rect.x * s - vp.panX * dpr;
        const first = Math.max(0, Math.floor((-left / pxPerS) * r.fsHz) - 1);
        const last = Math.min(r.nSamples, Math.ceil(((canvas.width - left) / pxPerS) * r.fsHz) + 2);
        if (last - first < 2) continue;
        const base = cell.baselineY * s - vp.panY * dpr;
        const k = pxPerMv(layout.scale) * s;
        cols = decimateMinMax(
          mv,
          first,
          last,
          left + (first / r.fsHz) * pxPerS,
          pxPerS / r.fsHz,
          cols,
        );
        for (let i = 0; i < cols.count; i++) {
          const x = cols.column[i]! + 0.5;
          if (i === 0) ctx.moveTo(x, base - cols.min[i]! * k);
          else ctx.lineTo(x, base - cols.min[i]! * k);
          ctx.lineTo(x, base - cols.max[i]! * k);
        }
      }
      ctx.stroke();
      readPixel(canvas);
    };
    const start = clampViewport({ zoom: startZoom, panX: 0, panY: 0 }, layout, { width, height });
    draw(start);
    const firstDrawMs = performance.now() - t0;
    const frameMs = script(layout, { width, height }, start, frames).map((f) => {
      const t = performance.now();
      draw(f.vp);
      return performance.now() - t;
    });
    canvas.remove();
    return { firstDrawMs, frameMs };
  },

  /** uPlot: one chart, every lead a series offset like 12x1, the same time spans per frame. */
  uplot(startZoom: number, frames: number): BenchRun {
    const r = record!;
    const width = host().clientWidth;
    const height = host().clientHeight;
    const layout = layoutFor(r);
    const t0 = performance.now();
    const xs = new Float64Array(r.nSamples);
    for (let i = 0; i < r.nSamples; i++) xs[i] = i / r.fsHz;
    const rowMv = 2;
    const series = r.signals.map((s, li) => {
      const out = new Float64Array(r.nSamples);
      const offset = -li * rowMv;
      for (let i = 0; i < r.nSamples; i++) out[i] = s.mv[i]! + offset;
      return out;
    });
    const start = clampViewport({ zoom: startZoom, panX: 0, panY: 0 }, layout, { width, height });
    const spanS = width / start.zoom / pxPerSecond(layout.scale);
    let drawn = 0;
    const u = new uPlot(
      {
        width,
        height,
        pxAlign: 1,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, min: 0, max: spanS },
          y: { auto: false, range: [-(r.signals.length - 0.5) * rowMv, rowMv] },
        },
        axes: [
          { grid: { stroke: PAPER.minor, width: 1 } },
          { grid: { stroke: PAPER.minor, width: 1 } },
        ],
        series: [
          {},
          ...r.signals.map(() => ({ stroke: PAPER.trace, width: 1.25, points: { show: false } })),
        ],
        hooks: { draw: [() => void drawn++] },
      },
      [xs as unknown as number[], ...(series as unknown as number[][])],
      host(),
    );
    // uPlot commits in a microtask; batch() forces the pending commit now.
    u.batch(() => {});
    readPixel(u.ctx.canvas);
    const firstDrawMs = performance.now() - t0;
    if (drawn < 1) throw new Error('bench: uPlot did not draw');
    const frameMs = script(layout, { width, height }, start, frames).map((f) => {
      const t = performance.now();
      u.batch(() => u.setScale('x', { min: f.fromS, max: f.toS }));
      readPixel(u.ctx.canvas);
      return performance.now() - t;
    });
    u.destroy();
    return { firstDrawMs, frameMs };
  },
};

/** The bench page's API, driven by Playwright. */
export type PlotBenchApi = typeof api;

declare global {
  interface Window {
    __PLOT_BENCH__?: PlotBenchApi;
  }
}

window.__PLOT_BENCH__ = api;
