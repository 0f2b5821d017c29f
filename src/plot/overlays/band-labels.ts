/**
 * Where time bands' labels go (world px): each at its band's start, kept on the paper, and
 * lifted a line when it would overlap a label to its left in the same cell, so nearby windows'
 * letters stay apart (samples 1431 and 1900 of ptbxl.jsonl have windows 30-50 ms apart).
 */
import { placeLabelX } from '../calipers';
import { bandPieces, type PlotLayout, type Rect } from '../layout';
import { bandStyle } from './overlay-style';
import type { TimeBand } from './types';

/** Band label font size (world px) and the height of one line of labels. */
export const BAND_LABEL_FONT_PX = 12;
export const BAND_LABEL_LINE_PX = BAND_LABEL_FONT_PX + 3;
/** Gap (world px) kept between two labels on one line, and from the cell's bottom edge. */
const LABEL_GAP_PX = 4;
const BOTTOM_INSET_PX = 16;

/** One label to place in a cell: where it wants to start and how wide it is (world px). */
export interface LabelRequest {
  readonly key: string;
  readonly anchorX: number;
  readonly width: number;
}

/** A placed label: its left edge (world px) and its line, 0 at the bottom, counting up. */
export interface PlacedLabel {
  readonly key: string;
  readonly x: number;
  readonly line: number;
}

/**
 * Places one cell's labels, left to right: each starts at its anchor (moved left, not past
 * `left`, to end inside `right`) on the lowest line where it keeps `gap` from every label
 * already there; past `maxLines` lines it shares the top one.
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  left: number,
  right: number,
  maxLines: number,
  gap = LABEL_GAP_PX,
): PlacedLabel[] {
  const lineEnds: number[] = [];
  return [...labels]
    .map((l) => ({ ...l, x: placeLabelX(l.anchorX, l.width, left, right, 2) }))
    .sort((a, b) => a.x - b.x || a.key.localeCompare(b.key))
    .map((l) => {
      let line = lineEnds.findIndex((end) => l.x >= end + gap);
      if (line < 0) line = Math.min(lineEnds.length, Math.max(0, maxLines - 1));
      lineEnds[line] = Math.max(lineEnds[line] ?? -Infinity, l.x + l.width);
      return { key: l.key, x: l.x, line };
    });
}

/** The text a band is labelled with: its role's mark and its label (e.g. "✓ B"). */
export function bandLabelText(band: TimeBand): string {
  const mark = bandStyle(band.role).mark;
  return `${mark}${band.label ? `${mark ? ' ' : ''}${band.label}` : ''}`;
}

/** One band's piece in one cell, with its label's box (world px; none for an unlabelled band). */
export interface BandPieceLabel {
  readonly bandId: string;
  readonly cellId: string;
  readonly rect: Rect;
  readonly text: string;
  readonly labelBox: Rect | null;
}

/** Every band's pieces with their labels placed, cell by cell; `textWidth` measures label text. */
export function layoutBandLabels(
  layout: PlotLayout,
  bands: readonly TimeBand[],
  textWidth: (text: string) => number,
): BandPieceLabel[] {
  const pieces = bands.flatMap((band) => {
    const text = bandLabelText(band);
    const width = text ? textWidth(text) : 0;
    return bandPieces(layout, band.startS, band.endS, band.leads).map((p) => ({
      band,
      text,
      width,
      piece: p,
    }));
  });
  const placed = new Map<string, PlacedLabel>();
  for (const cell of layout.cells) {
    const here = pieces.filter((p) => p.piece.cellId === cell.id && p.text);
    const maxLines = Math.max(
      1,
      Math.floor((cell.rect.height - BOTTOM_INSET_PX) / BAND_LABEL_LINE_PX),
    );
    for (const l of placeLabels(
      here.map((p) => ({
        key: `${p.band.id}|${cell.id}`,
        anchorX: p.piece.rect.x + 2,
        width: p.width,
      })),
      cell.rect.x,
      cell.rect.x + cell.rect.width,
      maxLines,
    ))
      placed.set(l.key, l);
  }
  return pieces.map(({ band, text, width, piece }) => {
    const cell = layout.cells.find((c) => c.id === piece.cellId)!;
    const at = placed.get(`${band.id}|${piece.cellId}`);
    return {
      bandId: band.id,
      cellId: piece.cellId,
      rect: piece.rect,
      text,
      labelBox: at
        ? {
            x: at.x,
            y: cell.rect.y + cell.rect.height - BOTTOM_INSET_PX - at.line * BAND_LABEL_LINE_PX,
            width,
            height: BAND_LABEL_FONT_PX,
          }
        : null,
    };
  });
}
