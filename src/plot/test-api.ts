/**
 * The typed in-page test API: e2e tests and benches ask a plot for its state instead of reading
 * pixels. Each mounted plot has its own, under its plot id (`data-plot-id`) in
 * window.__ECG_PLOTS__; window.__ECG_PLOT__ is the plot mounted last. Installed only in builds
 * made with VITE_PLOT_TEST_API=1 (and in dev), never in a production build.
 */
import type { CaliperKind } from './calipers';
import type { LayoutKind, Rect } from './layout';
import type { PlotToolId } from './viewport-store';
import type { BandRole, HighlightRole } from './overlays/types';

/** A cell as the page shows it; rects and ys in client (page viewport) CSS px. */
export interface TestCell {
  readonly id: string;
  readonly lead: string;
  readonly row: number;
  readonly col: number;
  readonly tStartS: number;
  readonly tEndS: number;
  readonly hasSignal: boolean;
  readonly isRhythm: boolean;
  readonly rect: Rect;
  readonly baselineY: number;
}

/** Everything the plot shows, in client CSS px where it is a place. */
export interface PlotTestState {
  /** The plot's id (its `data-plot-id`). */
  readonly plotId: string;
  readonly recordName: string;
  readonly fsHz: number;
  readonly nSamples: number;
  readonly layout: LayoutKind;
  readonly speedMmPerS: number;
  readonly gainMmPerMv: number;
  /** CSS px per mm of paper at zoom 1. */
  readonly pxPerMm: number;
  readonly dpr: number;
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
  readonly tool: PlotToolId;
  /** Every registered tool, in toolbar order. */
  readonly tools: readonly {
    readonly id: string;
    readonly label: string;
    readonly key: string | null;
  }[];
  /** The stage's box in client CSS px. */
  readonly stage: Rect;
  /** The paper's box in client CSS px (grid included, beyond the traces where it fills the stage). */
  readonly paper: Rect;
  /** The traces canvas size in device px. */
  readonly canvas: { readonly width: number; readonly height: number };
  readonly cells: readonly TestCell[];
  readonly pulses: readonly { readonly row: number; readonly rect: Rect }[];
  readonly selectedLeads: readonly string[];
  readonly highlights: readonly {
    readonly lead: string;
    readonly role: HighlightRole;
    readonly cellIds: readonly string[];
  }[];
  readonly bands: readonly {
    readonly id: string;
    readonly role: BandRole;
    readonly startS: number;
    readonly endS: number;
    readonly pieces: readonly {
      readonly cellId: string;
      readonly lead: string;
      readonly rect: Rect;
      /** Where the band's label is drawn in this cell (null for an unlabelled band). */
      readonly labelBox: Rect | null;
    }[];
  }[];
  readonly beatTimesS: readonly number[];
  readonly calipers: readonly {
    readonly id: string;
    readonly kind: CaliperKind;
    readonly lead: string;
    readonly cellId: string;
    readonly t1S: number;
    readonly t2S: number;
    readonly intervalMs: number;
    readonly bpm: number | null;
    readonly amplitudeMv: number;
    readonly text: string;
    readonly mv1: number;
    readonly mv2: number;
    readonly selected: boolean;
    /** Client px of both ends: a time end is grabbed along its vertical line, an amplitude end on its tick. */
    readonly ends: {
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
    };
    /** Client rects of the reading and of its delete box (placed calipers only). */
    readonly labelBox: Rect;
    readonly deleteBox: Rect;
  }[];
  readonly selectedCaliperId: string | null;
  readonly hover: {
    readonly lead: string;
    readonly tS: number;
    readonly amplitudeMv: number;
  } | null;
  /**
   * How often each layer has drawn: grid and traces share the scene layer (gridRenders = grid =
   * traces); overlays (bands, highlights, beats, calipers, plugins' overlays) have their own.
   */
  readonly draws: {
    readonly grid: number;
    readonly gridRenders: number;
    readonly traces: number;
    readonly overlays: number;
  };
  /** Samples read and columns drawn by the last trace draw. */
  readonly lastTraceDraw: {
    readonly samples: number;
    readonly columns: number;
    readonly cells: number;
  };
}

/** One plot's in-page test API. */
export interface EcgPlotTestApi {
  getState(): PlotTestState;
  /** Client px of (lead, second, mV) in every cell that shows that lead at that time. */
  pointToClient(
    lead: string,
    tS: number,
    amplitudeMv?: number,
  ): { cellId: string; x: number; y: number }[];
  /**
   * Trace ink (0..1) in a square of `radius` CSS px round a client point: how dark the darkest
   * pixel of the scene canvas is (its red channel; paper and grid read ~0, the trace 1). The
   * overlays are on their own canvas and do not count.
   */
  traceInkAt(x: number, y: number, radius: number): number;
  /**
   * Pans and zooms to a viewport (CSS px) the way a wheel or drag does (clamped, through the
   * store, so every subscriber updates), then draws that frame now instead of at the next rAF.
   */
  panZoomTo(viewport: { zoom: number; panX: number; panY: number }): void;
}

declare global {
  interface Window {
    /** The plot mounted last (the one plot of most screens). */
    __ECG_PLOT__?: EcgPlotTestApi;
    /** Every mounted plot's test API by plot id. */
    __ECG_PLOTS__?: Record<string, EcgPlotTestApi>;
  }
}
