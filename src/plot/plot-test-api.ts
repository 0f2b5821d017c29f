/** Builds one plot's test API (test-api.ts) from its live parts, and installs it per plot. */
import { useEffect, type RefObject } from 'react';
import { layerCanvasElement } from './host/konva-private';
import { pluginTools } from './interactions/plot-plugin';
import type { PlotRuntime } from './plot-runtime';
import { installPlotTestApi, PLOT_TEST_API_ENABLED } from './test-api-registry';
import type { EcgRecord } from '../domain/wfdb/record';
import { caliperGeometry, caliperLabelBox, readCaliper } from './calipers';
import { CALIPER_LABEL_FONT } from './overlays/calipers-overlay';
import { measureTextPx } from './text-measure';
import { layoutBandLabels } from './overlays/band-labels';
import { bandLabelWidth } from './overlays/time-bands';
import { cellMvToY, cellsShowingTime, cellTimeToX, type PlotLayout, type Rect } from './layout';
import type { LeadHighlight, TimeBand } from './overlays/types';
import type { EcgPlotTestApi, PlotTestState } from './test-api';
import { PAPER } from './theme';
import { worldToScreenX, worldToScreenY, type Viewport } from './viewport';
import type { PlotStore } from './viewport-store';

/** What the test API reads from a mounted plot, each read fresh on every call. */
export interface TestApiDeps {
  readonly plotId: string;
  readonly store: PlotStore;
  readonly host: () => HTMLElement | null;
  /** The scene layer's canvas (device px): grid and traces (overlays have their own canvas). */
  readonly traceCanvas: () => HTMLCanvasElement | null;
  readonly tools: () => readonly { id: string; label: string; key?: string }[];
  readonly live: () => {
    layout: PlotLayout;
    record: EcgRecord;
    size: { width: number; height: number } | null;
  };
  readonly highlights: () => readonly LeadHighlight[];
  readonly bands: () => readonly TimeBand[];
  readonly beatTimesS: () => readonly number[];
  /** Draws of the scene layer (grid and traces) and of the overlay layer. */
  readonly counters: () => { scene: number; overlay: number };
  readonly lastTraceDraw: () => { samples: number; columns: number; cells: number };
  readonly panZoomTo: (vp: Viewport) => void;
}

/** Red channel of the trace colour (0..255). */
const TRACE_RED = parseInt(PAPER.trace.slice(1, 3), 16);

/** Creates the test API over a plot. */
export function buildTestApi(deps: TestApiDeps): EcgPlotTestApi {
  const origin = () => {
    const box = deps.host()?.getBoundingClientRect();
    return {
      x: box?.left ?? 0,
      y: box?.top ?? 0,
      width: box?.width ?? 0,
      height: box?.height ?? 0,
    };
  };
  const toClient = (vp: Viewport, r: Rect): Rect => {
    const o = origin();
    return {
      x: o.x + worldToScreenX(vp, r.x),
      y: o.y + worldToScreenY(vp, r.y),
      width: r.width * vp.zoom,
      height: r.height * vp.zoom,
    };
  };
  return {
    getState(): PlotTestState {
      const s = deps.store.getState();
      const vp = s.viewport;
      const { layout, record } = deps.live();
      const o = origin();
      const canvas = deps.traceCanvas();
      const size = deps.live().size;
      const dpr = canvas && size ? canvas.width / size.width : 1;
      const draws = deps.counters();
      const labels = layoutBandLabels(layout, deps.bands(), bandLabelWidth);
      return {
        plotId: deps.plotId,
        recordName: record.recordName,
        fsHz: record.fsHz,
        nSamples: record.nSamples,
        layout: layout.kind,
        speedMmPerS: layout.scale.speedMmPerS,
        gainMmPerMv: layout.scale.gainMmPerMv,
        pxPerMm: layout.scale.pxPerMm,
        dpr,
        zoom: vp.zoom,
        panX: vp.panX,
        panY: vp.panY,
        tool: s.tool,
        tools: deps.tools().map((t) => ({ id: t.id, label: t.label, key: t.key ?? null })),
        stage: o,
        paper: toClient(vp, { x: 0, y: 0, width: layout.width, height: layout.height }),
        canvas: { width: canvas?.width ?? 0, height: canvas?.height ?? 0 },
        cells: layout.cells.map((c) => ({
          id: c.id,
          lead: c.lead,
          row: c.row,
          col: c.col,
          tStartS: c.tStartS,
          tEndS: c.tEndS,
          hasSignal: c.signalIndex !== null,
          isRhythm: c.isRhythm,
          rect: toClient(vp, c.rect),
          baselineY: o.y + worldToScreenY(vp, c.baselineY),
        })),
        pulses: layout.pulses.map((p) => ({ row: p.row, rect: toClient(vp, p.rect) })),
        selectedLeads: [...s.selectedLeads],
        highlights: deps.highlights().map((h) => ({
          lead: h.lead,
          role: h.role,
          cellIds: layout.cells.filter((c) => c.lead === h.lead).map((c) => c.id),
        })),
        bands: deps.bands().map((b) => ({
          id: b.id,
          role: b.role,
          startS: b.startS,
          endS: b.endS,
          pieces: labels
            .filter((p) => p.bandId === b.id)
            .map((p) => ({
              cellId: p.cellId,
              lead: layout.cells.find((c) => c.id === p.cellId)?.lead ?? '',
              rect: toClient(vp, p.rect),
              labelBox: p.labelBox && toClient(vp, p.labelBox),
            })),
        })),
        beatTimesS: [...deps.beatTimesS()],
        calipers: s.calipers.flatMap((c) => {
          const cell = layout.cells.find((x) => x.id === c.cellId);
          if (!cell) return [];
          const reading = readCaliper(c);
          const g = caliperGeometry(layout, cell, c);
          const box = caliperLabelBox(g, c, cell, measureTextPx(reading.text, CALIPER_LABEL_FONT));
          return [
            {
              id: c.id,
              kind: c.kind,
              lead: c.lead,
              cellId: c.cellId,
              t1S: c.t1S,
              t2S: c.t2S,
              mv1: c.mv1,
              mv2: c.mv2,
              ...reading,
              selected: c.id === s.selectedCaliperId,
              ends: {
                x1: o.x + worldToScreenX(vp, g.x1),
                y1: o.y + worldToScreenY(vp, g.y1),
                x2: o.x + worldToScreenX(vp, g.x2),
                y2: o.y + worldToScreenY(vp, g.y2),
              },
              labelBox: toClient(vp, box),
              deleteBox: toClient(vp, box.deleteBox),
            },
          ];
        }),
        selectedCaliperId: s.selectedCaliperId,
        hover: s.hover,
        draws: {
          grid: draws.scene,
          gridRenders: draws.scene,
          traces: draws.scene,
          overlays: draws.overlay,
        },
        lastTraceDraw: deps.lastTraceDraw(),
      };
    },
    pointToClient(lead, tS, amplitudeMv = 0) {
      const vp = deps.store.getState().viewport;
      const { layout } = deps.live();
      const o = origin();
      return cellsShowingTime(layout, lead, tS).map((cell) => ({
        cellId: cell.id,
        x: o.x + worldToScreenX(vp, cellTimeToX(layout, cell, tS)),
        y: o.y + worldToScreenY(vp, cellMvToY(layout, cell, amplitudeMv)),
      }));
    },
    traceInkAt(x, y, radius) {
      const canvas = deps.traceCanvas();
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return 0;
      const o = origin();
      const size = deps.live().size;
      const ratio = size ? canvas.width / size.width : 1;
      const cx = Math.round((x - o.x) * ratio);
      const cy = Math.round((y - o.y) * ratio);
      const r = Math.max(0, Math.round(radius * ratio));
      const data = ctx.getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1).data;
      // Ink is darkness in red, where the pink paper and its grid lines (red >= 238) read ~0 and
      // the near-black trace (red 17) reads 1.
      let darkest = 255;
      for (let i = 0; i < data.length; i += 4) darkest = Math.min(darkest, data[i]!);
      return Math.min(1, Math.max(0, (255 - darkest) / (255 - TRACE_RED)));
    },
    panZoomTo: (vp) => deps.panZoomTo(vp),
  };
}

/**
 * Installs a mounted plot's test API under its id while it is mounted, where the build allows
 * it (test-api-registry.ts); the overlays it reports are the plot's current props.
 */
export function usePlotTestApi(
  enabled: boolean,
  plotId: string,
  runtime: PlotRuntime,
  store: PlotStore,
  host: RefObject<HTMLElement | null>,
  overlays: {
    highlights: readonly LeadHighlight[];
    bands: readonly TimeBand[];
    beatTimesS: readonly number[];
  },
): void {
  const { highlights, bands, beatTimesS } = overlays;
  useEffect(() => {
    if (!enabled || !PLOT_TEST_API_ENABLED) return;
    const { scheduler, ctx, traceRenderer } = runtime;
    return installPlotTestApi(
      plotId,
      buildTestApi({
        plotId,
        store,
        host: () => host.current,
        traceCanvas: () => {
          const layer = scheduler.layer('scene');
          return layer ? layerCanvasElement(layer) : null;
        },
        tools: () => pluginTools(runtime.current().plugins),
        live: () => runtime.current(),
        highlights: () => highlights,
        bands: () => bands,
        beatTimesS: () => beatTimesS,
        counters: () => ({ ...scheduler.counts }),
        lastTraceDraw: () => ({ ...traceRenderer.last }),
        panZoomTo: (vp) => {
          ctx.setViewport(vp);
          scheduler.flush();
        },
      }),
    );
  }, [enabled, plotId, runtime, store, host, highlights, bands, beatTimesS]);
}
