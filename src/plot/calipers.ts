/** Pure caliper logic: readings (ms and bpm, or mV), where the ends are, grabbing and moving them. */
import {
  cellMvToY,
  cellTimeToX,
  cellXToTime,
  cellYToMv,
  type PlotCell,
  type PlotLayout,
} from './layout';

/** What a caliper measures: time between two points, or amplitude between two levels. */
export type CaliperKind = 'time' | 'amplitude';

/** A caliper kept on the plot, anchored in record time and millivolts (not pixels). */
export interface Caliper {
  readonly id: string;
  readonly kind: CaliperKind;
  readonly cellId: string;
  readonly lead: string;
  readonly t1S: number;
  readonly t2S: number;
  readonly mv1: number;
  readonly mv2: number;
}

/**
 * A caliper drawn in a cell from world point (wx0, wy0) to (wx1, wy1): a time caliper spans the
 * two times (kept inside the cell) at the first point's level; an amplitude caliper spans the two
 * levels at the first point's time.
 */
export function caliperBetween(
  layout: PlotLayout,
  cell: PlotCell,
  kind: CaliperKind,
  id: string,
  from: { readonly wx: number; readonly wy: number },
  to: { readonly wx: number; readonly wy: number },
): Caliper {
  const clampX = (x: number) => Math.min(cell.rect.x + cell.rect.width, Math.max(cell.rect.x, x));
  return {
    id,
    kind,
    cellId: cell.id,
    lead: cell.lead,
    t1S: cellXToTime(layout, cell, clampX(from.wx)),
    t2S: cellXToTime(layout, cell, clampX(kind === 'time' ? to.wx : from.wx)),
    mv1: cellYToMv(layout, cell, from.wy),
    mv2: cellYToMv(layout, cell, kind === 'time' ? from.wy : to.wy),
  };
}

/** A caliper's reading: interval (ms) and implied rate (bpm) for time, amplitude (mV) for amplitude. */
export interface CaliperReading {
  readonly intervalMs: number;
  readonly bpm: number | null;
  readonly amplitudeMv: number;
  readonly text: string;
}

/** Reads a caliper: |t2 - t1| in ms with 60000/ms bpm, and |mv2 - mv1| in mV. */
export function readCaliper(c: Caliper): CaliperReading {
  const intervalMs = Math.abs(c.t2S - c.t1S) * 1000;
  const amplitudeMv = Math.abs(c.mv2 - c.mv1);
  const bpm = intervalMs > 0 ? 60_000 / intervalMs : null;
  const text =
    c.kind === 'time'
      ? `${Math.round(intervalMs)} ms${bpm !== null ? ` · ${Math.round(bpm)} bpm` : ''}`
      : `${amplitudeMv.toFixed(2)} mV`;
  return { intervalMs, bpm, amplitudeMv, text };
}

/** One end of a caliper: the first point placed, or the second. */
export type CaliperEnd = 1 | 2;

/** Where a caliper is drawn, in world px: both ends, and the cell's top and bottom. */
export interface CaliperGeometry {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly top: number;
  readonly bottom: number;
}

/** Half the length (world px) of an amplitude caliper's level ticks. */
export const AMPLITUDE_TICK_HALF_PX = 8;

/**
 * A caliper's ends in world px. A time caliper's ends are the vertical lines at t1 and t2 across
 * its cell, joined at the height of mv1; an amplitude caliper's ends are the levels mv1 and mv2
 * at t1.
 */
export function caliperGeometry(layout: PlotLayout, cell: PlotCell, c: Caliper): CaliperGeometry {
  const x1 = cellTimeToX(layout, cell, c.t1S);
  const y1 = cellMvToY(layout, cell, c.mv1);
  return c.kind === 'time'
    ? {
        x1,
        y1,
        x2: cellTimeToX(layout, cell, c.t2S),
        y2: y1,
        top: cell.rect.y,
        bottom: cell.rect.y + cell.rect.height,
      }
    : {
        x1,
        y1,
        x2: x1,
        y2: cellMvToY(layout, cell, c.mv2),
        top: cell.rect.y,
        bottom: cell.rect.y + cell.rect.height,
      };
}

/** A caliper end under a point: which caliper, which end, and how far (world px). */
export interface CaliperEndHit {
  readonly id: string;
  readonly end: CaliperEnd;
  readonly distance: number;
}

/**
 * The caliper end nearest a world point within `radius` world px, or null. A time caliper's end
 * is grabbed anywhere along its vertical line; an amplitude caliper's along its level tick. The
 * last placed caliper wins a tie, as it is drawn on top.
 */
export function hitCaliperEnd(
  layout: PlotLayout,
  calipers: readonly Caliper[],
  wx: number,
  wy: number,
  radius: number,
): CaliperEndHit | null {
  let best: CaliperEndHit | null = null;
  for (const c of calipers) {
    const cell = layout.cells.find((x) => x.id === c.cellId);
    if (!cell) continue;
    const g = caliperGeometry(layout, cell, c);
    for (const end of [1, 2] as const) {
      let distance: number;
      if (c.kind === 'time') {
        if (wy < g.top - radius || wy > g.bottom + radius) continue;
        distance = Math.abs(wx - (end === 1 ? g.x1 : g.x2));
      } else {
        if (Math.abs(wx - g.x1) > AMPLITUDE_TICK_HALF_PX + radius) continue;
        distance = Math.abs(wy - (end === 1 ? g.y1 : g.y2));
      }
      if (distance <= radius && (!best || distance <= best.distance))
        best = { id: c.id, end, distance };
    }
  }
  return best;
}

/**
 * The caliper with one end moved to a world point: a time caliper's end takes the point's time
 * (kept inside the cell), an amplitude caliper's end takes the point's millivolts.
 */
export function moveCaliperEnd(
  layout: PlotLayout,
  cell: PlotCell,
  c: Caliper,
  end: CaliperEnd,
  wx: number,
  wy: number,
): Caliper {
  if (c.kind === 'amplitude') {
    const mv = cellYToMv(layout, cell, wy);
    return end === 1 ? { ...c, mv1: mv } : { ...c, mv2: mv };
  }
  const x = Math.min(cell.rect.x + cell.rect.width, Math.max(cell.rect.x, wx));
  const t = cellXToTime(layout, cell, x);
  return end === 1 ? { ...c, t1S: t } : { ...c, t2S: t };
}

/**
 * Left edge (world px) for a label of `width` that wants to start at `anchorX`, moved left as
 * far as needed (but not past `left`) to end `pad` inside `right`: labels stay on the paper.
 */
export function placeLabelX(
  anchorX: number,
  width: number,
  left: number,
  right: number,
  pad = 2,
): number {
  return Math.max(left + pad, Math.min(anchorX, right - pad - width));
}

/** Caliper label text size and padding (world px). */
export const CALIPER_LABEL_FONT_PX = 13;
const LABEL_PADDING_PX = 3;
/** Side of the delete box drawn right of a placed caliper's label (world px). */
const DELETE_BOX_PX = CALIPER_LABEL_FONT_PX + 2 * LABEL_PADDING_PX;

/** A world-px rectangle. */
interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a caliper's reading and its delete box go (world px), kept inside the caliper's cell. */
export interface CaliperLabelBox extends Box {
  readonly padding: number;
  readonly deleteBox: Box;
}

/**
 * The label of a caliper whose text is `textWidth` world px wide: above a time caliper's bar from
 * its left end, or right of an amplitude caliper's middle; with its delete box, it is moved left
 * and down as far as needed to stay inside the cell.
 */
export function caliperLabelBox(
  g: CaliperGeometry,
  c: Caliper,
  cell: PlotCell,
  textWidth: number,
): CaliperLabelBox {
  const width = textWidth + 2 * LABEL_PADDING_PX;
  const height = CALIPER_LABEL_FONT_PX + 2 * LABEL_PADDING_PX;
  const total = width + 2 + DELETE_BOX_PX;
  const anchorX = c.kind === 'time' ? Math.min(g.x1, g.x2) : g.x1 + AMPLITUDE_TICK_HALF_PX + 2;
  const anchorY = c.kind === 'time' ? g.y1 - height - 3 : (g.y1 + g.y2) / 2 - height / 2;
  const x = placeLabelX(anchorX, total, cell.rect.x, cell.rect.x + cell.rect.width);
  const y = Math.min(g.bottom - height - 1, Math.max(g.top + 1, anchorY));
  return {
    x,
    y,
    width,
    height,
    padding: LABEL_PADDING_PX,
    deleteBox: { x: x + width + 2, y, width: DELETE_BOX_PX, height },
  };
}

/** What is under a point among the calipers: a delete box, or an end to drag. */
export type CaliperTarget =
  | { readonly kind: 'delete'; readonly id: string }
  | { readonly kind: 'end'; readonly id: string; readonly end: CaliperEnd };

/**
 * The caliper target at a world point: a delete box first (it sits on top), then the nearest end
 * within `radius` world px. `textWidth` measures a reading's text in world px.
 */
export function hitCaliperTarget(
  layout: PlotLayout,
  calipers: readonly Caliper[],
  wx: number,
  wy: number,
  radius: number,
  textWidth: (text: string) => number,
): CaliperTarget | null {
  for (let i = calipers.length - 1; i >= 0; i--) {
    const c = calipers[i]!;
    const cell = layout.cells.find((x) => x.id === c.cellId);
    if (!cell) continue;
    const d = caliperLabelBox(
      caliperGeometry(layout, cell, c),
      c,
      cell,
      textWidth(readCaliper(c).text),
    ).deleteBox;
    if (wx >= d.x && wx <= d.x + d.width && wy >= d.y && wy <= d.y + d.height)
      return { kind: 'delete', id: c.id };
  }
  const hit = hitCaliperEnd(layout, calipers, wx, wy, radius);
  return hit ? { kind: 'end', id: hit.id, end: hit.end } : null;
}
