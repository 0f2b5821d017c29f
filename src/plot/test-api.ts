/** The typed in-page test API: e2e tests and benches ask the plot for its state instead of reading pixels. */
import type { CaliperKind } from './calipers';
import type { LayoutKind, Rect } from './layout';
import type { PlotTool } from './viewport-store';
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
  readonly tool: PlotTool;
  /** The stage's box in client CSS px. */
  readonly stage: Rect;
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
  /** How often each layer has drawn (the grid is drawn with the traces, so gridRenders = grid). */
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

/** The plot's in-page test API, installed on window.__ECG_PLOT__. */
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
   * pixel of the traces canvas is (its red channel; paper and grid read ~0, the trace 1).
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
    __ECG_PLOT__?: EcgPlotTestApi;
  }
}
