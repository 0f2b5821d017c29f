/**
 * Bench page (built and driven by src/bench/plot.bench.ts): draws one record with our plot, a raw
 * Canvas2D drawing with the same decimation, and uPlot, on canvases of the same size, showing the
 * same leads, grid and time span in every frame. Each step reads back one pixel of every canvas
 * it drew, so the raster is in the figure; the driver wraps each step in the main thread's CPU
 * time (CDP) and lets the browser produce the frame inside that window.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { decodeWfdbFiles } from '../../domain/wfdb/decode-files';
import type { EcgRecord } from '../../domain/wfdb/record';
import { createMinMaxColumns, decimateMinMax } from '../decimate';
import { EcgPlot } from '../ecg-plot';
import { drawGridInto } from '../layers/grid-layer';
import { computeLayout, type PlotLayout } from '../layout';
import { DEFAULT_PAPER, pxPerMv, pxPerSecond } from '../paper';
import { traceHairlineOffsets } from '../layers/trace-stroke';
import { LABEL_FONT_CSS_PX, PAPER } from '../theme';
import { clampViewport, type Viewport } from '../viewport';
import { createPlotStore } from '../viewport-store';

/** One of the three drawers the bench compares. */
export type Drawer = 'ours' | 'raw' | 'uplot';

/** A mounted drawer: draws one scripted frame, returns its canvases for the readback. */
interface Mounted {
  readonly canvases: readonly HTMLCanvasElement[];
  frame(vp: Viewport): void;
  destroy(): void;
}

/** Smallest grid spacing drawn, in device px (the same rule as our grid layer). */
const MIN_GRID_SPACING_PX = 3;

let record: EcgRecord | null = null;
let stage: { width: number; height: number } | null = null;
let mounted: Mounted | null = null;
let frames: Viewport[] = [];
const host = () => document.getElementById('host')!;
const readPixel = (canvas: HTMLCanvasElement) =>
  canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data[3];
/** Resolves after the next animation frame has been produced (rAF, then the rendering steps). */
const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function layoutFor(r: EcgRecord): PlotLayout {
  return computeLayout({
    kind: '12x1',
    leadNames: r.signals.map((s) => s.name),
    durationS: r.nSamples / r.fsHz,
    scale: DEFAULT_PAPER,
  });
}

/** The scripted viewports: pans then zooms in and out, from `start` (the same for all three). */
function script(
  layout: PlotLayout,
  size: { width: number; height: number },
  start: Viewport,
  count: number,
): Viewport[] {
  const out: Viewport[] = [];
  let vp = start;
  for (let i = 0; i < count; i++) {
    const zooming = i >= count / 2;
    const next: Viewport = zooming
      ? { zoom: vp.zoom * (i % 2 ? 1 / 1.1 : 1.1), panX: vp.panX, panY: vp.panY }
      : { zoom: vp.zoom, panX: vp.panX + 23, panY: vp.panY };
    vp = clampViewport(next, layout, size);
    out.push(vp);
  }
  return out;
}

/** A plain div of the stage's size for raw and uPlot (ours brings its own toolbar and legend). */
function stageDiv(size: { width: number; height: number }): HTMLDivElement {
  const div = document.createElement('div');
  div.style.width = `${size.width}px`;
  div.style.height = `${size.height}px`;
  div.style.position = 'relative';
  host().appendChild(div);
  return div;
}

/** Our plot (12x1) in its own React root, with toolbar and legend, moved through its store. */
function mountOurs(r: EcgRecord, start: Viewport): Mounted {
  const root: Root = createRoot(host());
  const store = createPlotStore({ layoutKind: '12x1', autoFit: false, viewport: start });
  // Rows at their printed height, as the raw and uPlot drawers lay them out.
  flushSync(() =>
    root.render(<EcgPlot record={r} store={store} fillStage={false} className="h-full" />),
  );
  const plot = window.__ECG_PLOT__!;
  return {
    canvases: [...host().querySelectorAll('canvas')],
    // The same path as a wheel or drag: a clamped viewport into the store, then the plot's draw.
    frame: (vp) => plot.panZoomTo(vp),
    destroy: () => root.unmount(),
  };
}

/** Raw Canvas2D: one canvas, the same grid, culling and min/max decimation, redrawn in full. */
function mountRaw(r: EcgRecord, size: { width: number; height: number }, start: Viewport): Mounted {
  const dpr = window.devicePixelRatio;
  const div = stageDiv(size);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * dpr);
  canvas.height = Math.round(size.height * dpr);
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  div.appendChild(canvas);
  const ctx = canvas.getContext('2d')!;
  const layout = layoutFor(r);
  let cols = createMinMaxColumns(4096);
  const draw = (vp: Viewport) => {
    const s = vp.zoom * dpr;
    const panX = vp.panX * dpr;
    const panY = vp.panY * dpr;
    drawGridInto(ctx, layout, s, Math.round(panX), Math.round(panY), canvas.width, canvas.height);
    const pxPerS = pxPerSecond(layout.scale) * s;
    const k = pxPerMv(layout.scale) * s;
    const offsets = traceHairlineOffsets(vp.zoom, dpr);
    ctx.strokeStyle = PAPER.trace;
    ctx.lineWidth = 1;
    ctx.lineJoin = 'miter';
    ctx.lineCap = 'butt';
    // One path per row, stroked as hairline passes: the same strokes as ours.
    for (const cell of layout.cells) {
      const path = new Path2D();
      const top = cell.rect.y * s - panY;
      const height = cell.rect.height * s;
      if (top + 2 * height < 0 || top - height > canvas.height) continue;
      const mv = r.signals[cell.signalIndex!]!.mv;
      const left = cell.rect.x * s - panX;
      const first = Math.max(0, Math.floor((-left / pxPerS) * r.fsHz) - 1);
      const last = Math.min(r.nSamples, Math.ceil(((canvas.width - left) / pxPerS) * r.fsHz) + 2);
      if (last - first < 2) continue;
      const base = cell.baselineY * s - panY;
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
        const a = base - (cols.maxFirst[i] ? cols.max[i]! : cols.min[i]!) * k;
        const b = base - (cols.maxFirst[i] ? cols.min[i]! : cols.max[i]!) * k;
        if (i === 0) path.moveTo(x, a);
        else path.lineTo(x, a);
        if (b !== a) path.lineTo(x, b);
      }
      for (const offset of offsets) {
        ctx.setTransform(1, 0, 0, 1, offset, offset);
        ctx.stroke(path);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.font = `600 ${Math.round(LABEL_FONT_CSS_PX * dpr)}px ui-sans-serif, system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    ctx.fillStyle = PAPER.label;
    for (const cell of layout.cells)
      ctx.fillText(cell.lead, cell.rect.x * s - panX + 5, cell.rect.y * s - panY + 3);
  };
  draw(start);
  return { canvases: [canvas], frame: draw, destroy: () => div.remove() };
}

/** Grid line values every `everyMm` of paper, or none while they would be under 3 device px apart. */
function gridSplits(unitsPerMm: number, everyMm: number, pxPerMmNow: number) {
  return (min: number, max: number): number[] => {
    if (everyMm * pxPerMmNow < MIN_GRID_SPACING_PX) return [];
    const step = everyMm * unitsPerMm;
    const out: number[] = [];
    for (let k = Math.ceil(min / step); k * step <= max; k++) out.push(k * step);
    return out;
  };
}

/**
 * uPlot: one chart, every lead a series offset by its 12x1 row (2 mV), no axis gutters, a 1 mm
 * grid from its own axes; each frame sets x and y to the time and mV window our plot shows and
 * hides the leads whose rows are off screen, so it draws the same leads over the same span.
 */
function mountUplot(
  r: EcgRecord,
  size: { width: number; height: number },
  start: Viewport,
): Mounted {
  const layout = layoutFor(r);
  const div = stageDiv(size);
  const pxPerS = pxPerSecond(layout.scale);
  const pxMv = pxPerMv(layout.scale);
  const base0 = layout.cells[0]!.baselineY;
  const rowMv = layout.cells[0]!.rect.height / pxMv;
  const windowOf = (vp: Viewport) => ({
    fromS: (vp.panX / vp.zoom - layout.timeOriginX) / pxPerS,
    toS: ((vp.panX + size.width) / vp.zoom - layout.timeOriginX) / pxPerS,
    topMv: (base0 - vp.panY / vp.zoom) / pxMv,
    bottomMv: (base0 - (vp.panY + size.height) / vp.zoom) / pxMv,
  });
  const rowVisible = (li: number, w: ReturnType<typeof windowOf>) => {
    const mid = -li * rowMv;
    return mid - rowMv < w.topMv && mid + rowMv > w.bottomMv;
  };
  const xs = new Float64Array(r.nSamples);
  for (let i = 0; i < r.nSamples; i++) xs[i] = i / r.fsHz;
  const series = r.signals.map((s, li) => {
    const out = new Float64Array(r.nSamples);
    const offset = -li * rowMv;
    for (let i = 0; i < r.nSamples; i++) out[i] = s.mv[i]! + offset;
    return out;
  });
  const w0 = windowOf(start);
  let zoom = start.zoom;
  const pxPerMmNow = () => layout.scale.pxPerMm * zoom * window.devicePixelRatio;
  const quietAxis = (stroke: string) => ({
    size: 0,
    gap: 0,
    ticks: { show: false },
    values: () => [],
    grid: { stroke, width: 1 },
  });
  const u = new uPlot(
    {
      width: size.width,
      height: size.height,
      padding: [0, 0, 0, 0],
      pxAlign: 1,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, min: w0.fromS, max: w0.toS },
        y: { auto: false, min: w0.bottomMv, max: w0.topMv },
      },
      // Minor (1 mm) and major (5 mm) grid lines on both axes, as ours draws them.
      axes: [
        quietAxis(PAPER.minor),
        quietAxis(PAPER.minor),
        { ...quietAxis(PAPER.major), scale: 'x' },
        { ...quietAxis(PAPER.major), scale: 'y', side: 3 },
      ],
      series: [
        {},
        ...r.signals.map((_, li) => ({
          stroke: PAPER.trace,
          // The same stroke weight as ours: hairlines, one per pass (uPlot scales width by dpr).
          width:
            traceHairlineOffsets(start.zoom, window.devicePixelRatio).length /
            window.devicePixelRatio,
          points: { show: false },
          show: rowVisible(li, w0),
        })),
      ],
    },
    [xs as unknown as number[], ...(series as unknown as number[][])],
    div,
  );
  // The grid splits read the current zoom (the same 3 device px rule as our grid).
  const splitsFor = (unitsPerMm: number, everyMm: number) =>
    ((_u: uPlot, _axis: number, min: number, max: number) =>
      gridSplits(unitsPerMm, everyMm, pxPerMmNow())(min, max)) as uPlot.Axis.Splits;
  u.axes[0]!.splits = splitsFor(1 / layout.scale.speedMmPerS, 1);
  u.axes[1]!.splits = splitsFor(1 / layout.scale.gainMmPerMv, 1);
  u.axes[2]!.splits = splitsFor(1 / layout.scale.speedMmPerS, 5);
  u.axes[3]!.splits = splitsFor(1 / layout.scale.gainMmPerMv, 5);
  // uPlot commits in a microtask; batch() forces the pending commit now.
  u.batch(() => u.redraw(false, true));
  return {
    canvases: [u.ctx.canvas],
    frame: (vp) => {
      zoom = vp.zoom;
      const w = windowOf(vp);
      u.batch(() => {
        r.signals.forEach((_, li) => {
          const show = rowVisible(li, w);
          if (u.series[li + 1]!.show !== show) u.setSeries(li + 1, { show });
        });
        u.setScale('y', { min: w.bottomMv, max: w.topMv });
        u.setScale('x', { min: w.fromS, max: w.toS });
      });
    },
    destroy: () => {
      u.destroy();
      div.remove();
    },
  };
}

const api = {
  /** Decodes the record from base64 file bytes and measures our plot's stage (used by all three). */
  load(files: Record<string, string>, recordName: string) {
    const bytes = new Map(
      Object.entries(files).map(([name, b64]) => [
        name,
        Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
      ]),
    );
    const r = decodeWfdbFiles(bytes, recordName);
    record = r;
    const m = mountOurs(r, { zoom: 1, panX: 0, panY: 0 });
    const box = window.__ECG_PLOT__!.getState().stage;
    m.destroy();
    stage = { width: Math.round(box.width), height: Math.round(box.height) };
    return { nSamples: r.nSamples, leads: r.signals.length, stage, dpr: window.devicePixelRatio };
  },

  /** Mounts a drawer at the start viewport and draws it; resolves after the frame is produced. */
  async mount(drawer: Drawer, startZoom: number, count: number): Promise<number> {
    const r = record!;
    const size = stage!;
    const layout = layoutFor(r);
    const start = clampViewport({ zoom: startZoom, panX: 0, panY: 0 }, layout, size);
    frames = script(layout, size, start, count);
    const t0 = performance.now();
    mounted =
      drawer === 'ours'
        ? mountOurs(r, start)
        : drawer === 'raw'
          ? mountRaw(r, size, start)
          : mountUplot(r, size, start);
    mounted.canvases.forEach(readPixel);
    const ms = performance.now() - t0;
    // Three frames, so whatever a drawer does as it settles after mounting is in its first draw.
    for (let k = 0; k < 3; k++) await nextFrame();
    return ms;
  },

  /**
   * How often our plot has drawn its grid and traces (read outside the measured steps: the test
   * API's state is not cheap). After mounting it must be once: a second draw would be waste.
   */
  traceDraws(): number {
    return window.__ECG_PLOT__!.getState().draws.traces;
  },

  /** Draws scripted frame i and reads it back; returns the synchronous wall time in ms. */
  async frame(i: number): Promise<number> {
    const m = mounted!;
    const t0 = performance.now();
    m.frame(frames[i]!);
    m.canvases.forEach(readPixel);
    const ms = performance.now() - t0;
    await nextFrame();
    return ms;
  },

  /** A frame that draws nothing: the measurement's own overhead. */
  async idle(): Promise<number> {
    await nextFrame();
    return 0;
  },

  /** Unmounts the drawer and collects its garbage (outside any measured step). */
  unmount(): void {
    mounted?.destroy();
    mounted = null;
    (globalThis as { gc?: () => void }).gc?.();
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
