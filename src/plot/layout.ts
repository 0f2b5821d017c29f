/** Pure plot layout: which lead and which seconds go in which rectangle of the paper. */
import {
  CALIBRATION_MV,
  CALIBRATION_S,
  pxPerMv,
  pxPerSecond,
  secondsToMm,
  type PaperScale,
} from './paper';

/** The layouts the plot offers. */
export const LAYOUT_KINDS = ['3x4', '12x1', 'single'] as const;
/** One of the plot's layouts: 3x4 with a lead II rhythm strip, 12x1, or one lead large. */
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

/** Leads of the 3x4 layout, by row then column, as printed ECGs place them. */
export const GRID_3X4_LEADS = [
  ['I', 'aVR', 'V1', 'V4'],
  ['II', 'aVL', 'V2', 'V5'],
  ['III', 'aVF', 'V3', 'V6'],
] as const;
/** Seconds of record each 3x4 column shows. */
export const COLUMN_3X4_S = 2.5;
/** The lead of the 3x4 rhythm strip. */
export const RHYTHM_LEAD = 'II';
/**
 * Seconds per row of the one-lead layout: the record wraps into rows of this length, so a 10 s
 * ECG is two 5 s rows and fills a screen at about twice the 3x4's size (one 10 s row would be
 * as small as the 3x4); a long record becomes a column of rows, as a full-disclosure printout.
 */
export const SINGLE_ROW_S = 5;

/** Row height in mV of paper, per layout (3x4 rows overlap a little, as on paper). */
const ROW_HEIGHT_MV: Record<LayoutKind, number> = { '3x4': 3, '12x1': 2, single: 5 };
/**
 * Row heights in mV of paper a layout may take to fill its stage: a printed 3x4 page gives its
 * rows about 4 mV (40 mm at 10 mm/mV), a 12-lead rhythm page 1.3-1.5 mV (traces overlap their
 * neighbours there, as printed ones do).
 */
export const ROW_HEIGHT_RANGE_MV: Record<LayoutKind, readonly [number, number]> = {
  '3x4': [2.5, 5],
  '12x1': [1, 2.5],
  single: [2.5, 6],
};
/** Where the baseline sits in a row, as a fraction of its height from the top. */
const BASELINE_FRACTION = 0.6;
/** Margins are whole 5 mm squares so time 0, baselines and pulses sit on major grid lines. */
const MAJOR_MM = 5;
const MARGIN_TOP_MM = 5;
const MARGIN_BOTTOM_MM = 5;
const MARGIN_RIGHT_MM = 5;
/** Paper in mm before and after the calibration pulse in a row's leading margin. */
const PULSE_LEAD_IN_MM = 2;
const PULSE_LEAD_OUT_MM = 3;

/** A rectangle in world px (CSS px at zoom 1, origin at the paper's top-left). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One lead drawn over one time range in one rectangle of the paper. */
export interface PlotCell {
  /** Stable id: "r<row>c<col>". */
  readonly id: string;
  readonly lead: string;
  /** Index of the lead in the record's signals, or null when the record lacks it. */
  readonly signalIndex: number | null;
  readonly row: number;
  readonly col: number;
  /** First second of the record the cell shows. */
  readonly tStartS: number;
  /** Last second of the record the cell shows. */
  readonly tEndS: number;
  /** The cell's rectangle in world px. */
  readonly rect: Rect;
  /** World y (px) of 0 mV. */
  readonly baselineY: number;
  /** True for the 3x4 layout's rhythm strip. */
  readonly isRhythm: boolean;
}

/** The 1 mV x 200 ms calibration pulse at the start of one row, in world px. */
export interface CalibrationPulse {
  readonly row: number;
  /** The pulse's rectangle: width is 200 ms of paper, height 1 mV. */
  readonly rect: Rect;
  readonly baselineY: number;
  /** World x (px) where the row's lead-in line starts and where it ends. */
  readonly lineStartX: number;
  readonly lineEndX: number;
}

/** A whole layout: cells, calibration pulses and the paper size, all in world px. */
export interface PlotLayout {
  readonly kind: LayoutKind;
  readonly scale: PaperScale;
  readonly cells: readonly PlotCell[];
  readonly pulses: readonly CalibrationPulse[];
  readonly width: number;
  readonly height: number;
  /**
   * World x (px) where each row's time starts (after the calibration margin): time 0 in 3x4 and
   * 12x1, the row's first second in the one-lead layout's wrapped rows.
   */
  readonly timeOriginX: number;
}

/** What a layout is computed from. */
export interface LayoutInput {
  readonly kind: LayoutKind;
  /** Lead names in the record's signal order (normalised). */
  readonly leadNames: readonly string[];
  /** Record duration in seconds. */
  readonly durationS: number;
  readonly scale: PaperScale;
  /** Lead for the single-lead layout (defaults to II, else the first lead). */
  readonly singleLead?: string;
  /**
   * The stage (CSS px) the paper should fill when fitted: rows take the height (whole mm, within
   * ROW_HEIGHT_RANGE_MV) that gives the paper the stage's shape, and the paper extends past the
   * traces for what whole millimetres and those limits leave over. Scale (mm/s, mm/mV) is kept.
   */
  readonly fitTo?: { readonly width: number; readonly height: number };
}

/** Width in mm of the margin that holds a row's calibration pulse at a paper speed. */
export function calibrationMarginMm(speedMmPerS: number): number {
  const needed = PULSE_LEAD_IN_MM + secondsToMm(CALIBRATION_S, speedMmPerS) + PULSE_LEAD_OUT_MM;
  return Math.ceil(needed / MAJOR_MM) * MAJOR_MM;
}

/** Lays out a record's leads on paper for one of the layouts. */
export function computeLayout(input: LayoutInput): PlotLayout {
  if (!(input.durationS > 0))
    throw new Error(`layout: record duration must be > 0 s, got ${input.durationS}`);
  const natural = layoutWithRowHeight(input, ROW_HEIGHT_MV[input.kind] * pxPerMv(input.scale));
  const fit = input.fitTo;
  if (!fit || !(fit.width > 0) || !(fit.height > 0)) return natural;
  const aspect = fit.height / fit.width;
  const pxPerMm = input.scale.pxPerMm;
  const rows = natural.pulses.length;
  const [minMv, maxMv] = ROW_HEIGHT_RANGE_MV[input.kind];
  const [minMm, maxMm] = [minMv * input.scale.gainMmPerMv, maxMv * input.scale.gainMmPerMv];
  // Rows never change the paper's width, so the height that fills the stage is known up front.
  const rowMm =
    (natural.width * aspect - (MARGIN_TOP_MM + MARGIN_BOTTOM_MM) * pxPerMm) / rows / pxPerMm;
  const fitted = layoutWithRowHeight(
    input,
    Math.floor(Math.min(maxMm, Math.max(minMm, rowMm))) * pxPerMm,
  );
  return {
    ...fitted,
    width: Math.max(fitted.width, fitted.height / aspect),
    height: Math.max(fitted.height, fitted.width * aspect),
  };
}

/** The layout with rows `rowHeight` world px high, the paper just holding them. */
function layoutWithRowHeight(input: LayoutInput, rowHeight: number): PlotLayout {
  const { kind, leadNames, scale } = input;
  const pxPerMm = scale.pxPerMm;
  const timeOriginX = calibrationMarginMm(scale.speedMmPerS) * pxPerMm;
  const top = MARGIN_TOP_MM * pxPerMm;
  const signalIndexOf = (lead: string): number | null => {
    const i = leadNames.indexOf(lead);
    return i >= 0 ? i : null;
  };
  const rowTop = (row: number): number => top + row * rowHeight;
  // Rows a whole number of 5 mm squares high put baselines on major lines; others on 1 mm lines.
  const rowMm = rowHeight / pxPerMm;
  const snapMm = Math.abs(rowMm / MAJOR_MM - Math.round(rowMm / MAJOR_MM)) < 1e-9 ? MAJOR_MM : 1;
  const baselineOffset =
    Math.max(1, Math.round((rowMm * BASELINE_FRACTION) / snapMm)) * snapMm * pxPerMm;
  const makeCell = (
    lead: string,
    row: number,
    col: number,
    tStartS: number,
    tEndS: number,
    isRhythm: boolean,
    /** The second drawn at timeOriginX in this cell's row. */
    rowStartS = 0,
  ): PlotCell => {
    const x = timeOriginX + (tStartS - rowStartS) * pxPerSecond(scale);
    return {
      id: `r${row}c${col}`,
      lead,
      signalIndex: signalIndexOf(lead),
      row,
      col,
      tStartS,
      tEndS,
      rect: { x, y: rowTop(row), width: (tEndS - tStartS) * pxPerSecond(scale), height: rowHeight },
      baselineY: rowTop(row) + baselineOffset,
      isRhythm,
    };
  };

  const cells: PlotCell[] = [];
  if (kind === '3x4') {
    const shownS = Math.min(input.durationS, COLUMN_3X4_S * 4);
    GRID_3X4_LEADS.forEach((leads, row) =>
      leads.forEach((lead, col) => {
        const tStartS = col * COLUMN_3X4_S;
        if (tStartS >= shownS) return;
        cells.push(
          makeCell(lead, row, col, tStartS, Math.min(shownS, tStartS + COLUMN_3X4_S), false),
        );
      }),
    );
    cells.push(makeCell(RHYTHM_LEAD, GRID_3X4_LEADS.length, 0, 0, shownS, true));
  } else if (kind === '12x1') {
    leadNames.forEach((lead, row) => cells.push(makeCell(lead, row, 0, 0, input.durationS, false)));
  } else {
    const lead =
      input.singleLead && leadNames.includes(input.singleLead)
        ? input.singleLead
        : leadNames.includes(RHYTHM_LEAD)
          ? RHYTHM_LEAD
          : (leadNames[0] ?? RHYTHM_LEAD);
    // The small tolerance keeps a 10.000000001 s record from growing a third, empty row.
    const rows = Math.max(1, Math.ceil(input.durationS / SINGLE_ROW_S - 1e-6));
    for (let row = 0; row < rows; row++) {
      const tStartS = row * SINGLE_ROW_S;
      const tEndS = row === rows - 1 ? input.durationS : tStartS + SINGLE_ROW_S;
      cells.push(makeCell(lead, row, 0, tStartS, tEndS, false, tStartS));
    }
  }

  const rowCount = cells.reduce((n, c) => Math.max(n, c.row + 1), 0);
  const pulseWidth = secondsToMm(CALIBRATION_S, scale.speedMmPerS) * pxPerMm;
  const pulseHeight = CALIBRATION_MV * pxPerMv(scale);
  const pulses: CalibrationPulse[] = [];
  for (let row = 0; row < rowCount; row++) {
    const baselineY = rowTop(row) + baselineOffset;
    pulses.push({
      row,
      rect: {
        x: PULSE_LEAD_IN_MM * pxPerMm,
        y: baselineY - pulseHeight,
        width: pulseWidth,
        height: pulseHeight,
      },
      baselineY,
      lineStartX: 0,
      lineEndX: timeOriginX,
    });
  }
  const contentRight = cells.reduce((r, c) => Math.max(r, c.rect.x + c.rect.width), timeOriginX);
  return {
    kind,
    scale,
    cells,
    pulses,
    width: contentRight + MARGIN_RIGHT_MM * pxPerMm,
    height: rowTop(rowCount) + MARGIN_BOTTOM_MM * pxPerMm,
    timeOriginX,
  };
}

/**
 * The name a cell is labelled with: its lead, marked when the record lacks it; the one-lead
 * layout's wrapped rows add where in the record they start (seconds, then minutes as 12:05).
 */
export function cellLabel(layout: PlotLayout, cell: PlotCell): string {
  const name = cell.signalIndex === null ? `${cell.lead} (not in record)` : cell.lead;
  if (layout.kind !== 'single' || layout.cells.length < 2) return name;
  const t = Math.floor(cell.tStartS);
  const at = t < 60 ? `${t} s` : `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
  return `${name}  ${at}`;
}

/** World x (px) of second tS in a cell (may fall outside the cell when tS is outside its range). */
export function cellTimeToX(layout: PlotLayout, cell: PlotCell, tS: number): number {
  return cell.rect.x + (tS - cell.tStartS) * pxPerSecond(layout.scale);
}

/** Seconds of record at world x (px) in a cell. */
export function cellXToTime(layout: PlotLayout, cell: PlotCell, x: number): number {
  return cell.tStartS + (x - cell.rect.x) / pxPerSecond(layout.scale);
}

/** World y (px) of an amplitude in mV in a cell. */
export function cellMvToY(layout: PlotLayout, cell: PlotCell, amplitudeMv: number): number {
  return cell.baselineY - amplitudeMv * pxPerMv(layout.scale);
}

/** Amplitude in mV at world y (px) in a cell. */
export function cellYToMv(layout: PlotLayout, cell: PlotCell, y: number): number {
  return (cell.baselineY - y) / pxPerMv(layout.scale);
}

/** Cells of a lead that show second tS (a 3x4 lead II shows in its column and the rhythm strip). */
export function cellsShowingTime(layout: PlotLayout, lead: string, tS: number): PlotCell[] {
  return layout.cells.filter((c) => c.lead === lead && tS >= c.tStartS && tS <= c.tEndS);
}

/** The cell under a world point (px), or null over margins and pulses. */
export function cellAt(layout: PlotLayout, x: number, y: number): PlotCell | null {
  for (const cell of layout.cells) {
    const r = cell.rect;
    if (x >= r.x && x <= r.x + r.width && y >= r.y && y < r.y + r.height) return cell;
  }
  return null;
}

/** One cell's share of a time band, in world px. */
export interface BandPiece {
  readonly cellId: string;
  readonly lead: string;
  readonly rect: Rect;
}

/**
 * Rectangles (world px) for a time band [startS, endS]: one per cell whose time range overlaps
 * it, clipped to the cell; `leads` limits it to some leads (all leads when omitted).
 */
export function bandPieces(
  layout: PlotLayout,
  startS: number,
  endS: number,
  leads?: readonly string[],
): BandPiece[] {
  const lo = Math.min(startS, endS);
  const hi = Math.max(startS, endS);
  const pieces: BandPiece[] = [];
  for (const cell of layout.cells) {
    if (leads && !leads.includes(cell.lead)) continue;
    const from = Math.max(lo, cell.tStartS);
    const to = Math.min(hi, cell.tEndS);
    if (to < from || (to === from && hi > lo)) continue;
    const x0 = cellTimeToX(layout, cell, from);
    const x1 = cellTimeToX(layout, cell, to);
    pieces.push({
      cellId: cell.id,
      lead: cell.lead,
      rect: { x: x0, y: cell.rect.y, width: x1 - x0, height: cell.rect.height },
    });
  }
  return pieces;
}
