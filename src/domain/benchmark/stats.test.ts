import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';
import { TARGET_DX } from '../../schemas/benchmark-sample';
import type { BenchmarkStats } from './stats';
import { computeStats } from './stats';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');

interface RawSample {
  metadata: { data_source: string; target_dx: string; dx_label: boolean; path_idx: number };
  data: { reasoning: { ecg_grounding: { question_type: string }[] }[] };
}

/** Counts the real file with plain loops, sharing no code with stats.ts. */
function countIndependently(raw: readonly RawSample[]) {
  const cells: Record<string, number> = {};
  const steps: Record<string, number> = {};
  const grounding: Record<string, number> = {};
  for (const { metadata: m, data } of raw) {
    const key = [m.data_source, m.target_dx, m.dx_label, m.path_idx].join('|');
    cells[key] = (cells[key] ?? 0) + 1;
    steps[data.reasoning.length] = (steps[data.reasoning.length] ?? 0) + 1;
    for (const step of data.reasoning) {
      for (const g of step.ecg_grounding)
        grounding[g.question_type] = (grounding[g.question_type] ?? 0) + 1;
    }
  }
  return { cells, steps, grounding };
}

describe('computeStats', () => {
  const lines = readFileSync(benchmarkPath, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const raw = lines.map((l) => JSON.parse(l) as RawSample);
  const stats: BenchmarkStats = computeStats(raw as unknown as BenchmarkSample[]);
  const expected = countIndependently(raw);

  it('agrees with an independent count of ptbxl.jsonl', () => {
    expect(stats.samples).toBe(raw.length);
    const cells = Object.fromEntries(
      stats.cells.map((c) => [
        [c.data_source, c.target_dx, c.dx_label, c.path_idx].join('|'),
        c.count,
      ]),
    );
    expect(cells).toEqual(expected.cells);
    expect(stats.stepsPerSample.histogram).toEqual(expected.steps);
    const { total, ...byType } = stats.groundingByType;
    expect(byType).toEqual(expected.grounding);
    expect(total).toBe(Object.values(expected.grounding).reduce((a, b) => a + b, 0));
    const stepTotal = raw.reduce((sum, s) => sum + s.data.reasoning.length, 0);
    expect(stats.stepsPerSample.mean).toBeCloseTo(stepTotal / raw.length, 10);
  });

  it('orders cells by source, diagnosis in the docs order, label true first, path', () => {
    for (let i = 1; i < stats.cells.length; i++) {
      const a = stats.cells[i - 1]!;
      const b = stats.cells[i]!;
      const rank = (c: typeof a) => [
        TARGET_DX.indexOf(c.target_dx),
        c.dx_label ? 0 : 1,
        c.path_idx,
      ];
      const [ra, rb] = [rank(a), rank(b)];
      const cmp = ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]!;
      expect(cmp).toBeLessThan(0);
    }
  });

  it('gives nulls, not NaN, for no samples', () => {
    expect(computeStats([])).toEqual({
      samples: 0,
      cells: [],
      stepsPerSample: { histogram: {}, min: null, max: null, mean: null },
      groundingByType: { lead_grounding: 0, wave_grounding: 0, measurement_grounding: 0, total: 0 },
    });
  });
});
