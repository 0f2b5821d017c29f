import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTimeWindow } from '../../domain/benchmark/options';
import { STANDARD_LEADS } from '../../domain/leads';
import { computeLayout, type Rect } from '../layout';
import { DEFAULT_PAPER } from '../paper';
import { layoutBandLabels, placeLabels } from './band-labels';
import type { TimeBand } from './types';

/** Bold 12 px Arial is about 7.5 px per character; the check mark and cross a little wider. */
const textWidth = (text: string) => text.length * 7.5 + 2;

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('band labels', () => {
  it('lifts a label a line when it would overlap one to its left, and keeps lines low', () => {
    const placed = placeLabels(
      [
        { key: 'b', anchorX: 112, width: 20 },
        { key: 'a', anchorX: 100, width: 20 },
        { key: 'c', anchorX: 125, width: 20 },
        { key: 'd', anchorX: 200, width: 20 },
      ],
      0,
      1000,
      4,
    );
    expect(placed).toEqual([
      { key: 'a', x: 100, line: 0 },
      { key: 'b', x: 112, line: 1 },
      { key: 'c', x: 125, line: 0 },
      { key: 'd', x: 200, line: 0 },
    ]);
  });

  it('keeps a label on the paper at a cell end, and shares the top line past the cell height', () => {
    const placed = placeLabels(
      [0, 1, 2].map((i) => ({ key: String(i), anchorX: 95 + i, width: 20 })),
      0,
      100,
      2,
    );
    expect(placed.map((p) => p.x)).toEqual([78, 78, 78]);
    expect(placed.map((p) => p.line)).toEqual([0, 1, 1]);
  });

  // The windows of samples 1431 and 1900 of ptbxl.jsonl lie 30-50 ms apart: their letters collided.
  const benchmark = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
  const waveBands = (id: number): TimeBand[] => {
    const line = readFileSync(benchmark, 'utf8')
      .split('\n')
      .find((l) => l.includes(`"id": ${id},`) || l.includes(`"id":${id},`))!;
    const sample = JSON.parse(line) as {
      data: {
        reasoning: {
          ecg_grounding: {
            question_type: string;
            options: string[];
            answer_idx: number | number[];
          }[];
        }[];
      };
    };
    const g = sample.data.reasoning
      .flatMap((s) => s.ecg_grounding)
      .find((x) => x.question_type === 'wave_grounding')!;
    const right = ([] as number[]).concat(g.answer_idx);
    return g.options.map((o, i) => {
      const w = parseTimeWindow(o)!;
      return {
        id: `opt-${i}`,
        startS: w.startS,
        endS: w.endS,
        role: right.includes(i) ? 'right' : 'distractor',
        label: String.fromCharCode(65 + i),
      };
    });
  };

  for (const id of [1431, 1900])
    for (const kind of ['3x4', '12x1', 'single'] as const)
      it(`draws no two labels of sample ${id} over each other in ${kind}`, () => {
        const layout = computeLayout({
          kind,
          leadNames: [...STANDARD_LEADS],
          durationS: 10,
          scale: DEFAULT_PAPER,
          fitTo: { width: 1235, height: 806 },
        });
        const bands = waveBands(id);
        const pieces = layoutBandLabels(layout, bands, textWidth);
        // The labels at their bands' starts alone would collide (the bug this placement fixes).
        const naive = pieces.map((p) => ({ ...p.labelBox!, x: p.rect.x + 2, y: 0 }));
        expect(
          naive.some((a, i) =>
            naive.some(
              (b, j) => i < j && pieces[i]!.cellId === pieces[j]!.cellId && overlaps(a, b),
            ),
          ),
        ).toBe(true);
        for (const [i, a] of pieces.entries())
          for (const b of pieces.slice(i + 1))
            if (a.cellId === b.cellId) expect(overlaps(a.labelBox!, b.labelBox!)).toBe(false);
        // Every label stays inside its cell.
        for (const p of pieces) {
          const cell = layout.cells.find((c) => c.id === p.cellId)!.rect;
          expect(p.labelBox!.x).toBeGreaterThanOrEqual(cell.x);
          expect(p.labelBox!.x + p.labelBox!.width).toBeLessThanOrEqual(cell.x + cell.width);
          expect(p.labelBox!.y).toBeGreaterThanOrEqual(cell.y);
        }
      });
});
