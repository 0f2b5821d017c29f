import { describe, expect, it } from 'vitest';
import { STANDARD_LEADS } from '../domain/leads';
import {
  bandPieces,
  calibrationMarginMm,
  cellLabel,
  cellAt,
  cellMvToY,
  cellsShowingTime,
  cellTimeToX,
  cellXToTime,
  cellYToMv,
  computeLayout,
  GRID_3X4_LEADS,
  ROW_HEIGHT_RANGE_MV,
} from './layout';
import { CSS_PX_PER_MM_NOMINAL, DEFAULT_PAPER, GAINS_MM_PER_MV, SPEEDS_MM_PER_S } from './paper';

const leads = [...STANDARD_LEADS];

describe('3x4 layout', () => {
  const layout = computeLayout({
    kind: '3x4',
    leadNames: leads,
    durationS: 10,
    scale: DEFAULT_PAPER,
  });

  it('places the twelve leads in printed order with a lead II rhythm strip', () => {
    const grid = GRID_3X4_LEADS.map((row, r) =>
      row.map((_, c) => layout.cells.find((x) => x.row === r && x.col === c)?.lead),
    );
    expect(grid).toEqual([
      ['I', 'aVR', 'V1', 'V4'],
      ['II', 'aVL', 'V2', 'V5'],
      ['III', 'aVF', 'V3', 'V6'],
    ]);
    const rhythm = layout.cells.filter((c) => c.isRhythm);
    expect(rhythm).toHaveLength(1);
    expect(rhythm[0]).toMatchObject({ lead: 'II', row: 3, tStartS: 0, tEndS: 10 });
    expect(layout.pulses).toHaveLength(4);
  });

  it('gives each column its own 2.5 s of the record, contiguous across the row', () => {
    for (const cell of layout.cells.filter((c) => !c.isRhythm)) {
      expect(cell.tStartS).toBeCloseTo(cell.col * 2.5, 9);
      expect(cell.tEndS).toBeCloseTo(cell.col * 2.5 + 2.5, 9);
      expect(cell.signalIndex).toBe(leads.indexOf(cell.lead as (typeof leads)[number]));
    }
    // At 25 mm/s 2.5 s is 62.5 mm wide; columns touch, so x follows the record's own time.
    const row0 = layout.cells.filter((c) => c.row === 0).sort((a, b) => a.col - b.col);
    for (const cell of row0) {
      expect(cell.rect.width).toBeCloseTo(62.5 * CSS_PX_PER_MM_NOMINAL, 6);
      expect(cell.rect.x).toBeCloseTo(
        layout.timeOriginX + cell.tStartS * 25 * CSS_PX_PER_MM_NOMINAL,
        6,
      );
    }
  });

  it('shows a band in the column that covers its time and in the rhythm strip', () => {
    const pieces = bandPieces(layout, 5.34, 5.53);
    expect(pieces.map((p) => p.cellId).sort()).toEqual(['r0c2', 'r1c2', 'r2c2', 'r3c0']);
    const rhythm = pieces.find((p) => p.cellId === 'r3c0')!;
    expect(rhythm.rect.width).toBeCloseTo(0.19 * 25 * CSS_PX_PER_MM_NOMINAL, 6);
    // A band across a column boundary is split between both columns.
    const split = bandPieces(layout, 2.4, 2.6).filter((p) => p.rect.y === layout.cells[0]!.rect.y);
    expect(split.map((p) => p.cellId).sort()).toEqual(['r0c0', 'r0c1']);
    expect(bandPieces(layout, 2.4, 2.6, ['V1'])).toHaveLength(0);
  });

  it('finds the cells showing a lead at a time', () => {
    expect(
      cellsShowingTime(layout, 'II', 1)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['r1c0', 'r3c0']);
    expect(cellsShowingTime(layout, 'V1', 1)).toHaveLength(0);
    expect(cellsShowingTime(layout, 'V1', 6).map((c) => c.id)).toEqual(['r0c2']);
  });

  it('marks leads the record lacks and keeps short records inside their duration', () => {
    const short = computeLayout({
      kind: '3x4',
      leadNames: ['II', 'V5'],
      durationS: 4,
      scale: DEFAULT_PAPER,
    });
    expect(short.cells.find((c) => c.lead === 'I')?.signalIndex).toBeNull();
    expect(short.cells.find((c) => c.lead === 'II' && !c.isRhythm)?.signalIndex).toBe(0);
    expect(short.cells.filter((c) => c.row === 0).map((c) => c.tEndS)).toEqual([2.5, 4]);
  });
});

describe('12x1 and single layouts', () => {
  it('puts every lead over the whole record, one per row', () => {
    const layout = computeLayout({
      kind: '12x1',
      leadNames: leads,
      durationS: 10,
      scale: DEFAULT_PAPER,
    });
    expect(layout.cells.map((c) => c.lead)).toEqual(leads);
    expect(new Set(layout.cells.map((c) => `${c.tStartS}-${c.tEndS}`))).toEqual(new Set(['0-10']));
    expect(layout.cells.map((c) => c.row)).toEqual(leads.map((_, i) => i));
    expect(layout.pulses).toHaveLength(12);
    const ys = layout.cells.map((c) => c.rect.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('draws one lead large, the asked one or lead II', () => {
    const v2 = computeLayout({
      kind: 'single',
      leadNames: leads,
      durationS: 10,
      scale: DEFAULT_PAPER,
      singleLead: 'V2',
    });
    expect(v2.cells.map((c) => c.lead)).toEqual(['V2', 'V2']);
    const fallback = computeLayout({
      kind: 'single',
      leadNames: leads,
      durationS: 10,
      scale: DEFAULT_PAPER,
      singleLead: 'X',
    });
    expect(new Set(fallback.cells.map((c) => c.lead))).toEqual(new Set(['II']));
    const mit = computeLayout({
      kind: 'single',
      leadNames: ['MLII', 'V5'],
      durationS: 1805,
      scale: DEFAULT_PAPER,
    });
    // 30 minutes wrap into 361 rows of 5 s, the last one ending with the record.
    expect(mit.cells).toHaveLength(361);
    expect(mit.cells.at(-1)).toMatchObject({ lead: 'MLII', row: 360, tStartS: 1800, tEndS: 1805 });
    expect(mit.pulses).toHaveLength(361);
    expect(() =>
      computeLayout({ kind: 'single', leadNames: leads, durationS: 0, scale: DEFAULT_PAPER }),
    ).toThrow(/duration/);
  });
});

describe('single layout rows', () => {
  const layout = computeLayout({
    kind: 'single',
    leadNames: leads,
    durationS: 10,
    scale: DEFAULT_PAPER,
  });
  const twelve = computeLayout({
    kind: '12x1',
    leadNames: leads,
    durationS: 10,
    scale: DEFAULT_PAPER,
  });

  it('wraps a 10 s record into two 5 s rows that start at the same x, one under the other', () => {
    expect(layout.cells.map((c) => [c.id, c.tStartS, c.tEndS])).toEqual([
      ['r0c0', 0, 5],
      ['r1c0', 5, 10],
    ]);
    const [a, b] = layout.cells;
    expect(b!.rect.x).toBe(a!.rect.x);
    expect(b!.rect.width).toBeCloseTo(a!.rect.width, 9);
    expect(b!.rect.y).toBeCloseTo(a!.rect.y + a!.rect.height, 9);
    // Paper half as wide as one 10 s row: fitted to a screen, the lead is drawn larger.
    expect(layout.width).toBeLessThan(0.6 * twelve.width);
    // A record of exactly 10 s (to floating error) does not grow an empty third row.
    const almost = computeLayout({
      kind: 'single',
      leadNames: leads,
      durationS: 10 + 1e-9,
      scale: DEFAULT_PAPER,
    });
    expect(almost.cells).toHaveLength(2);
  });

  it('labels wrapped rows with where they start; other layouts with the lead alone', () => {
    expect(layout.cells.map((c) => cellLabel(layout, c))).toEqual(['II  0 s', 'II  5 s']);
    const mit = computeLayout({
      kind: 'single',
      leadNames: ['MLII', 'V5'],
      durationS: 1805,
      scale: DEFAULT_PAPER,
    });
    expect([13, 360].map((i) => cellLabel(mit, mit.cells[i]!))).toEqual([
      'MLII  1:05',
      'MLII  30:00',
    ]);
    expect(cellLabel(twelve, twelve.cells[0]!)).toBe('I');
    const short = computeLayout({
      kind: 'single',
      leadNames: leads,
      durationS: 4,
      scale: DEFAULT_PAPER,
    });
    expect(cellLabel(short, short.cells[0]!)).toBe('II');
  });

  it('maps a time to the row that shows it, and back', () => {
    const [cell] = cellsShowingTime(layout, 'II', 7.2);
    expect(cell!.id).toBe('r1c0');
    const x = cellTimeToX(layout, cell!, 7.2);
    expect(x).toBeCloseTo(cellTimeToX(layout, layout.cells[0]!, 2.2), 9);
    expect(cellXToTime(layout, cell!, x)).toBeCloseTo(7.2, 9);
    expect(cellAt(layout, x, cell!.baselineY)!.id).toBe('r1c0');
  });

  it('splits a band that crosses a row end into a piece in each row', () => {
    const pieces = bandPieces(layout, 4.9, 5.1);
    expect(pieces.map((p) => p.cellId)).toEqual(['r0c0', 'r1c0']);
    const [end, start] = pieces;
    const pxPerS = 25 * DEFAULT_PAPER.pxPerMm;
    expect(end!.rect.x + end!.rect.width).toBeCloseTo(layout.cells[0]!.rect.x + 5 * pxPerS, 9);
    expect(start!.rect.x).toBeCloseTo(layout.cells[1]!.rect.x, 9);
    expect(start!.rect.width).toBeCloseTo(0.1 * pxPerS, 9);
  });
});

describe('paper scale', () => {
  it('draws the calibration pulse 1 mV high and 200 ms wide at every speed and gain', () => {
    for (const speedMmPerS of SPEEDS_MM_PER_S) {
      for (const gainMmPerMv of GAINS_MM_PER_MV) {
        const pxPerMm = 4.5;
        const layout = computeLayout({
          kind: '3x4',
          leadNames: leads,
          durationS: 10,
          scale: { speedMmPerS, gainMmPerMv, pxPerMm },
        });
        for (const pulse of layout.pulses) {
          expect(pulse.rect.height).toBeCloseTo(gainMmPerMv * pxPerMm, 9);
          expect(pulse.rect.width).toBeCloseTo(0.2 * speedMmPerS * pxPerMm, 9);
          expect(pulse.rect.y + pulse.rect.height).toBeCloseTo(pulse.baselineY, 9);
          expect(pulse.rect.x + pulse.rect.width).toBeLessThan(layout.timeOriginX);
        }
        expect(layout.timeOriginX).toBeCloseTo(calibrationMarginMm(speedMmPerS) * pxPerMm, 9);
        const cell = layout.cells[0]!;
        expect(cellTimeToX(layout, cell, 1) - cellTimeToX(layout, cell, 0)).toBeCloseTo(
          speedMmPerS * pxPerMm,
          9,
        );
        expect(cellMvToY(layout, cell, 0) - cellMvToY(layout, cell, 1)).toBeCloseTo(
          gainMmPerMv * pxPerMm,
          9,
        );
      }
    }
  });

  it('maps time and amplitude both ways in every cell', () => {
    const layout = computeLayout({
      kind: '3x4',
      leadNames: leads,
      durationS: 10,
      scale: { speedMmPerS: 50, gainMmPerMv: 20, pxPerMm: 3 },
    });
    for (const cell of layout.cells) {
      const t = (cell.tStartS + cell.tEndS) / 2;
      expect(cellXToTime(layout, cell, cellTimeToX(layout, cell, t))).toBeCloseTo(t, 9);
      expect(cellYToMv(layout, cell, cellMvToY(layout, cell, 1.3))).toBeCloseTo(1.3, 9);
      const hit = cellAt(layout, cellTimeToX(layout, cell, t), cellMvToY(layout, cell, 0));
      expect(hit?.id).toBe(cell.id);
    }
    expect(cellAt(layout, 1, 1)).toBeNull();
  });
});

describe('filling the stage', () => {
  const stages = [
    { width: 1235, height: 806 },
    { width: 1600, height: 500 },
    { width: 700, height: 900 },
  ];
  const mm = DEFAULT_PAPER.pxPerMm;

  it('gives the paper the stage shape in every layout, at 25 mm/s and 10 mm/mV', () => {
    for (const kind of ['3x4', '12x1', 'single'] as const)
      for (const fitTo of stages) {
        const l = computeLayout({
          kind,
          leadNames: leads,
          durationS: 10,
          scale: DEFAULT_PAPER,
          fitTo,
        });
        // The fitted zoom fills both axes: the paper has the stage's aspect.
        expect(l.height / l.width).toBeCloseTo(fitTo.height / fitTo.width, 9);
        // Scale untouched: 25 mm per second along every cell, 10 mm per mV on every baseline.
        for (const c of l.cells) {
          expect(c.rect.width / mm / (c.tEndS - c.tStartS)).toBeCloseTo(25, 9);
          expect((cellMvToY(l, c, 0) - cellMvToY(l, c, 1)) / mm).toBeCloseTo(10, 9);
        }
        // Rows are whole millimetres within the layout's range, and the traces come first.
        const rowMm = l.cells[0]!.rect.height / mm;
        expect(rowMm).toBeCloseTo(Math.round(rowMm), 9);
        const [lo, hi] = ROW_HEIGHT_RANGE_MV[kind];
        expect(rowMm).toBeGreaterThanOrEqual(lo * 10 - 1e-9);
        expect(rowMm).toBeLessThanOrEqual(hi * 10 + 1e-9);
      }
  });

  it('takes the space a wide stage gives 3x4 as taller rows, and a tall 12x1 into shorter ones', () => {
    const fitTo = stages[0]!;
    const natural = (kind: '3x4' | '12x1') =>
      computeLayout({ kind, leadNames: leads, durationS: 10, scale: DEFAULT_PAPER });
    const fitted = (kind: '3x4' | '12x1') =>
      computeLayout({ kind, leadNames: leads, durationS: 10, scale: DEFAULT_PAPER, fitTo });
    const used = (l: ReturnType<typeof natural>) => {
      const zoom = Math.min(fitTo.width / l.width, fitTo.height / l.height);
      const right = Math.max(...l.cells.map((c) => c.rect.x + c.rect.width));
      const bottom = Math.max(...l.cells.map((c) => c.rect.y + c.rect.height));
      return { width: (right * zoom) / fitTo.width, height: (bottom * zoom) / fitTo.height };
    };
    // Before: 3x4 left over a quarter of the height empty, 12x1 a quarter of the width.
    expect(used(natural('3x4')).height).toBeLessThan(0.75);
    expect(used(natural('12x1')).width).toBeLessThan(0.8);
    // After: the traces span the stage but for what whole-mm rows leave (paper fills the rest).
    for (const kind of ['3x4', '12x1'] as const) {
      expect(used(fitted(kind)).width).toBeGreaterThan(0.95);
      expect(used(fitted(kind)).height).toBeGreaterThan(0.9);
    }
    expect(fitted('3x4').cells[0]!.rect.height / mm).toBeCloseTo(40, 9);
    expect(fitted('12x1').cells[0]!.rect.height / mm).toBeCloseTo(13, 9);
  });

  it('puts baselines on 5 mm lines for rows of whole 5 mm squares, and keeps rows evenly spaced', () => {
    const l = computeLayout({
      kind: '3x4',
      leadNames: leads,
      durationS: 10,
      scale: DEFAULT_PAPER,
      fitTo: stages[0],
    });
    const baselines = l.pulses.map((p) => p.baselineY / mm);
    for (const b of baselines) expect(b / 5).toBeCloseTo(Math.round(b / 5), 9);
    const gaps = baselines.slice(1).map((b, i) => b - baselines[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0]!, 9);
    const t = computeLayout({
      kind: '12x1',
      leadNames: leads,
      durationS: 10,
      scale: DEFAULT_PAPER,
      fitTo: stages[0],
    });
    const tb = t.pulses.map((p) => p.baselineY / mm);
    for (const b of tb) expect(b).toBeCloseTo(Math.round(b), 9);
    const tg = tb.slice(1).map((b, i) => b - tb[i]!);
    for (const g of tg) expect(g).toBeCloseTo(13, 9);
  });
});
