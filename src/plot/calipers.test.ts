import { describe, expect, it } from 'vitest';
import {
  caliperGeometry,
  caliperLabelBox,
  hitCaliperEnd,
  hitCaliperTarget,
  moveCaliperEnd,
  placeLabelX,
  readCaliper,
  type Caliper,
} from './calipers';
import { cellMvToY, cellTimeToX, computeLayout } from './layout';
import { DEFAULT_PAPER, pxPerMv, pxPerSecond } from './paper';

describe('readCaliper', () => {
  it('reads an RR interval in ms with its rate, and amplitudes in mV', () => {
    const rr = readCaliper({
      id: 'a',
      kind: 'time',
      cellId: 'r0c0',
      lead: 'II',
      t1S: 1.25,
      t2S: 0.45,
      mv1: 0,
      mv2: 1,
    });
    expect(rr.intervalMs).toBeCloseTo(800, 9);
    expect(rr.bpm).toBeCloseTo(75, 9);
    expect(rr.text).toBe('800 ms · 75 bpm');
    const ampCaliper = {
      id: 'b',
      kind: 'amplitude',
      cellId: 'r0c0',
      lead: 'V1',
      t1S: 1,
      t2S: 1,
      mv1: -0.4,
      mv2: 1.1,
    } as const;
    const amp = readCaliper(ampCaliper);
    expect(amp.amplitudeMv).toBeCloseTo(1.5, 9);
    expect(amp.text).toBe('1.50 mV');
    expect(readCaliper({ ...ampCaliper, kind: 'time' }).bpm).toBeNull();
  });
});

describe('caliper ends', () => {
  const layout = computeLayout({
    kind: '12x1',
    leadNames: ['I', 'II', 'III'],
    durationS: 10,
    scale: DEFAULT_PAPER,
  });
  const cell = layout.cells.find((c) => c.lead === 'II')!;
  const pxPerS = pxPerSecond(DEFAULT_PAPER);
  const rr: Caliper = {
    id: 'rr',
    kind: 'time',
    cellId: cell.id,
    lead: 'II',
    t1S: 1,
    t2S: 1.8,
    mv1: 0.5,
    mv2: 0.5,
  };
  const amp: Caliper = { ...rr, id: 'amp', kind: 'amplitude', t1S: 3, t2S: 3, mv1: -0.2, mv2: 1 };

  it('places a time caliper across its cell and an amplitude caliper at its levels', () => {
    const g = caliperGeometry(layout, cell, rr);
    expect(g.x1).toBeCloseTo(cellTimeToX(layout, cell, 1), 9);
    expect(g.x2 - g.x1).toBeCloseTo(0.8 * pxPerS, 9);
    expect([g.top, g.bottom]).toEqual([cell.rect.y, cell.rect.y + cell.rect.height]);
    const a = caliperGeometry(layout, cell, amp);
    expect(a.x2).toBe(a.x1);
    expect(a.y1 - a.y2).toBeCloseTo(1.2 * pxPerMv(DEFAULT_PAPER), 9);
  });

  it('grabs the nearest end within the radius, along the whole line of a time end', () => {
    const g = caliperGeometry(layout, cell, rr);
    const near2 = hitCaliperEnd(layout, [rr, amp], g.x2 + 3, g.top + 2, 5);
    expect(near2).toMatchObject({ id: 'rr', end: 2 });
    expect(hitCaliperEnd(layout, [rr], g.x1 - 2, g.bottom - 1, 5)).toMatchObject({ end: 1 });
    // Between the ends, or off the cell's rows: nothing.
    expect(hitCaliperEnd(layout, [rr], (g.x1 + g.x2) / 2, g.y1, 5)).toBeNull();
    expect(hitCaliperEnd(layout, [rr], g.x1, g.top - 20, 5)).toBeNull();
    const a = caliperGeometry(layout, cell, amp);
    expect(hitCaliperEnd(layout, [rr, amp], a.x1 + 4, a.y2 - 1, 5)).toMatchObject({
      id: 'amp',
      end: 2,
    });
    expect(hitCaliperEnd(layout, [amp], a.x1 + 40, a.y2, 5)).toBeNull();
  });

  it('moves an end to a point: time ends stay inside the cell, amplitude ends take mV', () => {
    const moved = moveCaliperEnd(layout, cell, rr, 2, cellTimeToX(layout, cell, 2.1), 0);
    expect(moved.t2S).toBeCloseTo(2.1, 9);
    expect(moved.t1S).toBe(1);
    expect(readCaliper(moved).intervalMs).toBeCloseTo(1100, 6);
    expect(readCaliper(moved).bpm).toBeCloseTo(60_000 / 1100, 6);
    const clamped = moveCaliperEnd(layout, cell, rr, 1, cell.rect.x - 500, 0);
    expect(clamped.t1S).toBeCloseTo(cell.tStartS, 9);
    const lifted = moveCaliperEnd(layout, cell, amp, 1, 0, cellMvToY(layout, cell, -0.5));
    expect(lifted.mv1).toBeCloseTo(-0.5, 9);
    expect(readCaliper(lifted).amplitudeMv).toBeCloseTo(1.5, 9);
  });

  it('keeps a label on the paper: moved left at the right edge, never past the left', () => {
    expect(placeLabelX(100, 50, 0, 400)).toBe(100);
    expect(placeLabelX(380, 50, 0, 400)).toBe(348);
    expect(placeLabelX(380, 50, 0, 400, 4)).toBe(346);
    expect(placeLabelX(10, 500, 0, 400)).toBe(2);
  });
});

describe('caliper labels and delete boxes', () => {
  const layout = computeLayout({
    kind: '12x1',
    leadNames: ['I', 'II'],
    durationS: 10,
    scale: DEFAULT_PAPER,
  });
  const cell = layout.cells[1]!;
  const width = (text: string) => text.length * 8;
  const at = (t1S: number, t2S: number): Caliper => ({
    id: `c${t1S}`,
    kind: 'time',
    cellId: cell.id,
    lead: cell.lead,
    t1S,
    t2S,
    mv1: 0,
    mv2: 0,
  });

  it('keeps the label and its delete box inside the cell at the record end', () => {
    const c = at(9.7, 9.95);
    const box = caliperLabelBox(caliperGeometry(layout, cell, c), c, cell, 120);
    expect(box.deleteBox.x + box.deleteBox.width).toBeLessThanOrEqual(
      cell.rect.x + cell.rect.width,
    );
    expect(box.x).toBeLessThan(cellTimeToX(layout, cell, 9.7));
    expect(box.y).toBeGreaterThanOrEqual(cell.rect.y);
    const early = at(1, 2);
    const free = caliperLabelBox(caliperGeometry(layout, cell, early), early, cell, 120);
    expect(free.x).toBeCloseTo(cellTimeToX(layout, cell, 1), 9);
  });

  it('finds a delete box before an end, and the end elsewhere', () => {
    const c = at(2, 3);
    const box = caliperLabelBox(
      caliperGeometry(layout, cell, c),
      c,
      cell,
      width(readCaliper(c).text),
    );
    const d = box.deleteBox;
    expect(hitCaliperTarget(layout, [c], d.x + d.width / 2, d.y + d.height / 2, 5, width)).toEqual({
      kind: 'delete',
      id: c.id,
    });
    const x2 = cellTimeToX(layout, cell, 3);
    expect(hitCaliperTarget(layout, [c], x2 + 1, cell.baselineY, 5, width)).toEqual({
      kind: 'end',
      id: c.id,
      end: 2,
    });
    expect(hitCaliperTarget(layout, [c], x2 + 30, cell.baselineY, 5, width)).toBeNull();
  });
});
