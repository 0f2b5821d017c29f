import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSample, BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { MeasuredSample } from '../../../testing/benchmark-records';
import { measuredBenchmarkSamples } from '../../../testing/benchmark-records';
import { PTBXL_JSONL } from '../../../testing/sample-fixtures';
import { convertSample } from '../convert';
import { extractTemplates, fitSample } from '../templates';
import type { AgreementSummary } from './agreement';
import { answerBeats, compareWithReal, leaveOneOut, windowIou } from './agreement';
import { generateSample } from './generate';

const all = readFileSync(PTBXL_JSONL, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as BenchmarkSample);
let held: MeasuredSample[] = [];
let summary: AgreementSummary;

beforeAll(async () => {
  held = await measuredBenchmarkSamples();
  summary = leaveOneOut(
    all,
    held.map((h) => ({ sample: h.raw as BenchmarkSample, measurements: h.measurements })),
  );
});

describe('leave-one-out agreement with ptbxl.jsonl (issue 13, item 4)', () => {
  it('regenerates all 44 samples whose records are held, every one valid', () => {
    expect(summary.samples).toBe(44);
    expect(summary.valid).toBe(44);
    expect(
      summary.misses.filter((m) => m.kind === 'not-generated' || m.kind === 'invalid'),
    ).toEqual([]);
  });

  it('meets the goals for windows (IoU >= 0.5 in >= 90%), lead sets (>= 80%) and neighbouring bins (>= 98%)', () => {
    expect(summary.wave.total).toBe(75);
    expect(summary.wave.overlapping / summary.wave.total).toBeGreaterThanOrEqual(0.9);
    expect(summary.lead.total).toBe(13);
    expect(summary.lead.exact / summary.lead.total).toBeGreaterThanOrEqual(0.8);
    expect(summary.measurement.total).toBe(30);
    expect(summary.measurement.sameOrNeighbour / summary.measurement.total).toBeGreaterThanOrEqual(
      0.98,
    );
  });

  it('puts the measurement answer in the same bin for 25 of 30 (the goal, 85%, is not met: README)', () => {
    // The five are the engine's QRS and PR values 2-12 ms from the benchmark's bin edge, the
    // values `measure --benchmark` reports for the real answers: regeneration adds no miss.
    expect(summary.measurement.sameBin).toBeGreaterThanOrEqual(25);
    const measurementMisses = summary.misses.filter((m) => m.kind === 'measurement');
    expect(measurementMisses).toHaveLength(summary.measurement.total - summary.measurement.sameBin);
    for (const m of measurementMisses) expect(m.detail).toMatch(/^neighbouring bin; engine /);
  });
});

describe('compareWithReal', () => {
  const h = () => held.find((x) => (x.raw as BenchmarkSample).metadata.id === 1948)!;

  it('counts a real sample against itself as agreeing everywhere', () => {
    const real = h().raw as BenchmarkSample;
    const same = compareWithReal(
      real,
      {
        ok: true,
        sample: convertSample(real, 'list'),
        provenance: null as never,
        notes: [],
        warnings: [],
      },
      h().measurements,
    );
    expect(same.misses).toEqual([]);
    expect([same.measurement.sameBin, same.wave.overlapping, same.lead.exact]).toEqual([
      same.measurement.total,
      same.wave.total,
      same.lead.total,
    ]);
  });

  it('names each planted difference: another bin, a window on another beat, another lead set', () => {
    const real = h().raw as BenchmarkSample;
    const planted = structuredClone(convertSample(real, 'list')) as BenchmarkSampleV002;
    const step = planted.data.reasoning.find((s) =>
      s.ecg_grounding.some((g) => g.question_type === 'lead_grounding'),
    )!;
    const lead = step.ecg_grounding.find((g) => g.question_type === 'lead_grounding')!;
    lead.answer = [lead.answer[0]!];
    lead.answer_idx = [lead.answer_idx[0]!];
    const wave = planted.data.reasoning[0]!.ecg_grounding.find(
      (g) => g.question_type === 'wave_grounding',
    )!;
    const other = (wave.answer_idx[0]! + 1) % wave.options.length;
    wave.answer = [wave.options[other]!];
    wave.answer_idx = [other];
    const result = compareWithReal(
      real,
      { ok: true, sample: planted, provenance: null as never, notes: [], warnings: [] },
      h().measurements,
    );
    expect(result.misses.map((m) => m.kind).sort()).toEqual(['lead', 'wave']);
  });

  it('reads intersection over union of two windows', () => {
    expect(windowIou({ startS: 1, endS: 2 }, { startS: 1.5, endS: 2.5 })).toBeCloseTo(1 / 3);
    expect(windowIou({ startS: 1, endS: 2 }, { startS: 2, endS: 3 })).toBe(0);
    expect(windowIou({ startS: 1, endS: 2 }, { startS: 1, endS: 2 })).toBe(1);
  });

  it('keeps the beats of the real answer windows when regenerating on the same ECG', () => {
    const real = h().raw as BenchmarkSample;
    const beats = answerBeats(real, h().measurements);
    expect(beats.size).toBeGreaterThan(0);
    const fit = fitSample(real, extractTemplates(all));
    const a = generateSample({
      key: fit.template!.key,
      variant: fit.variant!,
      metadata: real.metadata,
      ecg: { ecgId: real.metadata.ecg_id },
      measurements: h().measurements,
      seed: 1,
      keepBeats: beats,
    });
    const b = generateSample({
      key: fit.template!.key,
      variant: fit.variant!,
      metadata: real.metadata,
      ecg: { ecgId: real.metadata.ecg_id },
      measurements: h().measurements,
      seed: 2,
      keepBeats: beats,
    });
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok)
      expect(answerBeats(a.sample, h().measurements)).toEqual(
        answerBeats(b.sample, h().measurements),
      );
  });
});
