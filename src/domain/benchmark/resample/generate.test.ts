import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSample, BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { MeasuredSample } from '../../../testing/benchmark-records';
import { measuredBenchmarkSamples } from '../../../testing/benchmark-records';
import { PTBXL_JSONL } from '../../../testing/sample-fixtures';
import { STANDARD_LEADS } from '../../leads';
import type { Measurements } from '../../measure/types';
import { measureRecord } from '../../measure/measure-record';
import { MEASURE_ENGINE_VERSION } from '../../measure/version';
import { generateSyntheticEcg, synthParams } from '../../synth';
import {
  measureGrounding,
  optionWindows,
  readGrounding,
  waveInWindow,
  waveWindowOfBeat,
} from '../grounding';
import type { TemplateSet } from '../templates';
import { extractTemplates, findTemplate, fitSample } from '../templates';
import { validateSample } from '../validate-sample';
import type { GenerateResult } from './generate';
import { generateSample } from './generate';
import { TYPICAL_SPREAD_MS } from './wave-options';

const all = readFileSync(PTBXL_JSONL, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as BenchmarkSample);
const set: TemplateSet = extractTemplates(all);
let held: MeasuredSample[] = [];
const measurementsOf = (ecgId: string): Measurements =>
  held.find((h) => h.ecgId === ecgId)!.measurements;

beforeAll(async () => {
  held = await measuredBenchmarkSamples();
});

/** Generates sample `id` of the file on the record of ECG `ecgId` (its own by default). */
function generate(id: number, seed: number, ecgId?: string): GenerateResult {
  const sample = all[id]!;
  const on = ecgId ?? sample.metadata.ecg_id;
  return generateOn(sample, on, measurementsOf(on), seed);
}

/** Generates `sample`'s template (the variant it fits) on ECG `ecgId` measured as `m`. */
function generateOn(
  sample: BenchmarkSample,
  ecgId: string,
  m: Measurements,
  seed: number,
): GenerateResult {
  const fit = fitSample(sample, set);
  return generateSample({
    key: fit.template!.key,
    variant: fit.variant!,
    metadata: sample.metadata,
    ecg: { ecgId },
    measurements: m,
    seed,
  });
}

const ok = (r: GenerateResult): BenchmarkSampleV002 => {
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.sample;
};

describe('generateSample on real records', () => {
  it('generates every held sample on its own ECG, valid, with its identity and provenance', () => {
    expect(held.length).toBe(44);
    for (const h of held) {
      const id = (h.raw as BenchmarkSample).metadata.id;
      const result = generate(id, 7);
      const sample = ok(result);
      expect(validateSample(sample).problems.filter((p) => p.severity === 'error')).toEqual([]);
      const { metadata } = all[id]!;
      expect(sample.metadata).toEqual(metadata);
      expect(result.provenance).toEqual({
        template: {
          targetDx: metadata.target_dx,
          dxLabel: metadata.dx_label,
          pathIdx: metadata.path_idx,
          variant: 0,
        },
        ecg: { source: 'ptbxl', ecgId: metadata.ecg_id },
        seed: 7,
        engineVersion: MEASURE_ENGINE_VERSION,
      });
    }
  });

  it('is deterministic per seed, and its criterion options and answer positions vary with the seed', () => {
    expect(ok(generate(476, 11))).toEqual(ok(generate(476, 11)));
    const positions = new Set<number>();
    const distractors = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const c = ok(generate(476, seed)).data.reasoning[1]!.criterion_selection;
      positions.add(c.answer_idx);
      c.options.forEach((o) => o !== c.answer && distractors.add(o));
    }
    expect([...positions].sort()).toEqual([0, 1, 2, 3, 4]);
    const pool = fitSample(all[476]!, set).variant!.steps[1]!.criterion.pool;
    expect(distractors.size).toBeGreaterThan(8);
    for (const d of distractors) expect(pool).toContain(d);
  });

  it('keeps the template: criterion answers, finding answers, decisions and questions', () => {
    const real = all[650]!;
    const gen = ok(generate(650, 3));
    real.data.reasoning.forEach((step, s) => {
      const g = gen.data.reasoning[s]!;
      expect(g.criterion_selection.answer).toBe(step.criterion_selection.answer);
      expect(g.finding_identification).toEqual(step.finding_identification);
      expect(g.diagnostic_decision).toEqual(step.diagnostic_decision);
      expect(g.ecg_grounding.map((x) => x.question)).toEqual(
        step.ecg_grounding.map((x) => x.question),
      );
    });
  });

  it('grounds on the engine: windows on delineated waves sorted by start, leads in order, the bin holding the value', () => {
    for (const id of [476, 650, 1718, 1900, 1271]) {
      const sample = ok(generate(id, 5));
      const m = measurementsOf(sample.metadata.ecg_id);
      sample.data.reasoning.forEach((step, s) =>
        step.ecg_grounding.forEach((g, index) => {
          const read = readGrounding(g);
          if (read.type === 'wave_grounding') {
            for (const o of g.options) expect(o).toMatch(/^\[\d+\.\d\ds - \d+\.\d\ds\]$/);
            const windows = optionWindows(read, m.beats).map((w) => (w.ok ? w.window : null));
            const starts = windows.map((w) => w!.startS);
            expect(starts).toEqual([...starts].sort((a, b) => a - b));
            const answer = windows[read.answerIdx[0]!]!;
            const kind = read.waveKind ?? 'qrs';
            const held = waveInWindow(kind, answer, m.beats);
            expect(held.held).toBe(true);
            const wave = waveWindowOfBeat(kind, m.beats[held.beatIndex!]!)!;
            expect(answer.startS).toBeCloseTo(wave.startS, 2);
            expect(answer.endS).toBeCloseTo(wave.endS, 2);
            windows.forEach((w, i) => {
              if (i === read.answerIdx[0]) return;
              expect(w!.endS <= answer.startS || w!.startS >= answer.endS).toBe(true);
            });
          } else if (read.type === 'lead_grounding') {
            const leads = read.options.map((o) => (o.kind === 'lead' ? o.lead : null));
            const order = leads.map((l) => STANDARD_LEADS.indexOf(l!));
            expect(order).toEqual([...order].sort((a, b) => a - b));
            expect(read.answerLeads.length).toBeGreaterThan(0);
          } else if (read.type === 'measurement_grounding') {
            expect(measureGrounding(sample.data.reasoning, { step: s, index }, m)?.verdict).toBe(
              'exact',
            );
          }
        }),
      );
    }
  });

  it('measures on a typical beat: the QRS it grounds on is within 6 ms of the median of the beats', () => {
    // ECG 338 (LBBB): 12 beats at 144-166 ms QRS, median 153; 4 of them lie further off it.
    const m = measurementsOf('338');
    const widths = m.beats.filter((b) => !b.premature).map((b) => b.qrsMs);
    const sorted = [...widths].sort((a, b) => a - b);
    const median = (sorted[5]! + sorted[6]!) / 2;
    expect(widths.filter((w) => Math.abs(w - median) > TYPICAL_SPREAD_MS).length).toBeGreaterThan(
      2,
    );
    const drawn = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const sample = ok(generate(476, seed));
      const g = sample.data.reasoning[0]!.ecg_grounding[0]!;
      const read = readGrounding(g);
      if (read.type !== 'wave_grounding') throw new Error('step 1 asks for the QRS window');
      const answer = optionWindows(read, m.beats)[read.answerIdx[0]!]!;
      if (!answer.ok) throw new Error(answer.reason);
      const beat = waveInWindow('qrs', answer.window, m.beats).beatIndex!;
      expect(Math.abs(m.beats[beat]!.qrsMs - median)).toBeLessThanOrEqual(TYPICAL_SPREAD_MS);
      drawn.add(beat);
    }
    // Still drawn among the typical beats, not always the same one.
    expect(drawn.size).toBeGreaterThan(3);
  });

  it('moves a sample to another ECG: same identity and cell, the new ecg_id, options from the new record', () => {
    const from = all[175]!;
    const to = ok(generate(175, 1, '24'));
    expect(to.metadata).toEqual({ ...from.metadata, ecg_id: '24' });
    const pr = measureGrounding(to.data.reasoning, { step: 1, index: 1 }, measurementsOf('24'))!;
    expect(pr.verdict).toBe('exact');
    expect(pr.measured.quantity).toBe('pr_interval');
  });

  it('writes a "Nth QRS wave" question from detected beats: the pinned first QRS, the longest RR the answer', () => {
    const avb = all.find(
      (s) => s.metadata.target_dx === 'second_degree_av_block' && s.metadata.dx_label,
    )!;
    const key = avb.metadata;
    const variant = findTemplate(set, { targetDx: key.target_dx, dxLabel: true, pathIdx: 0 })!
      .variants[0]!;
    const m = measurementsOf('338');
    const result = generateSample({
      key: { targetDx: key.target_dx, dxLabel: true, pathIdx: 0 },
      variant,
      metadata: key,
      ecg: { ecgId: '338' },
      measurements: m,
      seed: 2,
    });
    // The second question asks for a non-conducted P wave, which the engine does not find.
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join()).toMatch(/finds no non conducted p/);
    const negative = all.find(
      (s) =>
        s.metadata.target_dx === 'second_degree_av_block' &&
        !s.metadata.dx_label &&
        s.metadata.path_idx === 0,
    )!;
    const gen = ok(generateOn(negative, '338', m, 2));
    const q = gen.data.reasoning[0]!.ecg_grounding[0]!;
    const read = readGrounding(q);
    expect(read.type === 'wave_grounding' && read.anchor).toEqual({
      startS: Math.round(m.beats[0]!.qrsOnsetS * 100) / 100,
      endS: Math.round(m.beats[0]!.qrsOffsetS * 100) / 100,
    });
    const windows = read.type === 'wave_grounding' ? optionWindows(read, m.beats) : [];
    const rr = windows.map((w) => (w.ok && w.beats ? w.beats.rrMs : -1));
    expect(rr[read.type === 'wave_grounding' ? read.answerIdx[0]! : -1]).toBe(Math.max(...rr));
  });

  it('puts a non-conducted P answer window on a P wave no QRS follows, and no distractor on one', () => {
    const skeleton = all.find((s) =>
      s.data.reasoning.some((st) =>
        st.ecg_grounding.some((g) => /observe a non-conducted P wave\?/i.test(g.question)),
      ),
    )!;
    for (const seed of [1, 2, 3]) {
      const { record, truth } = generateSyntheticEcg(
        synthParams('second_degree_av_block', { seed }),
      );
      const sample = ok(generateOn(skeleton, '90099', measureRecord(record), seed));
      const q = sample.data.reasoning
        .flatMap((st) => st.ecg_grounding)
        .find((g) => /non-conducted P wave/i.test(g.question))!;
      const read = readGrounding(q);
      if (read.type !== 'wave_grounding') throw new Error('not a wave question');
      const blocked = truth.atrialWaves.filter((w) => !w.conducted);
      const holdsBlocked = read.options.map((o) =>
        o.kind === 'window' ? blocked.some((w) => w.peakS >= o.startS && w.peakS <= o.endS) : false,
      );
      expect(holdsBlocked, `${q.options.join(' ')} -> ${q.answer[0]}`).toEqual(
        q.options.map((o) => o === q.answer[0]),
      );
      expect(validateSample(sample).problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  it('grounds the atrial rate of third-degree AV block on P waves that march through, and says why it cannot without P waves', () => {
    const avb = all.find(
      (s) =>
        s.metadata.target_dx === 'third_degree_av_block' &&
        s.data.reasoning.some((st) =>
          st.ecg_grounding.some((g) => /atrial rate/i.test(g.question)),
        ),
    )!;
    const on = (condition: 'third_degree_av_block' | 'atrial_fibrillation', seed: number) =>
      generateOn(
        avb,
        '90099',
        measureRecord(generateSyntheticEcg(synthParams(condition, { seed })).record),
        seed,
      );
    for (const seed of [1, 2, 3]) {
      const sample = ok(on('third_degree_av_block', seed));
      const q = sample.data.reasoning
        .flatMap((st) => st.ecg_grounding)
        .find((g) => /atrial rate/i.test(g.question))!;
      // The synthetic P waves come at 90 bpm (the QRS complexes at 40): the answer's bin holds 90.
      const [lo, hi] = /\[(\d+) bpm - (\d+) bpm\]/.exec(q.answer[0]!)!.slice(1).map(Number);
      expect(lo! <= 90 && 90 <= hi!, `${q.answer[0]} holds 90 bpm`).toBe(true);
      expect(validateSample(sample).problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
    const af = on('atrial_fibrillation', 1);
    expect(af.ok).toBe(false);
    expect(!af.ok && af.problems.join(' ')).toMatch(
      /atrial rate not measured \((no P wave stands out|P-P intervals too irregular)/,
    );
  });
});
