import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSample } from '../domain/benchmark/convert';
import { parseMeasurementRange, parseTimeWindow } from '../domain/benchmark/options';
import { measureRecord } from '../domain/measure/measure-record';
import { decodeWfdbRecord } from '../domain/wfdb/decode';
import { parseWfdbHeader } from '../domain/wfdb/header';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { measuredBenchmarkSamples } from '../testing/benchmark-records';
import { amplitudeBeatLead, appMeasurement } from './app-measurement';

const shared = resolve(import.meta.dirname, '../../../shared/data');
const samples = readFileSync(resolve(shared, 'benchmark/ptbxl.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { metadata: { id: number } });
const sample = (id: number) =>
  convertSample(BenchmarkSampleV001Schema.parse(samples.find((s) => s.metadata.id === id)), 'list');
function record(ecgId: string) {
  const base = resolve(shared, `ecg/ptbxl/records500/00000/${ecgId.padStart(5, '0')}_hr`);
  const header = parseWfdbHeader(
    readFileSync(`${base}.hea`, 'utf8'),
    `${ecgId.padStart(5, '0')}_hr.hea`,
  );
  return decodeWfdbRecord(
    header,
    new Map([[`${ecgId.padStart(5, '0')}_hr.dat`, new Uint8Array(readFileSync(`${base}.dat`))]]),
  );
}

describe('appMeasurement on real samples', () => {
  it("measures the QRS duration of the beat in the step's right window (sample 476, LBBB)", () => {
    const s = sample(476);
    const step = s.data.reasoning[0]!;
    const m = measureRecord(record(s.metadata.ecg_id));
    const got = appMeasurement(s.data.reasoning, { step: 0, index: 1 }, m)!;
    const window = parseTimeWindow(
      step.ecg_grounding[0]!.options[step.ecg_grounding[0]!.answer_idx[0]]!,
    )!;
    expect(got.label).toBe(`QRS duration (beat at ${window.startS}–${window.endS} s)`);
    expect(got).toMatchObject({
      unit: 'ms',
      quantity: 'qrs_duration',
      window: { startS: window.startS, endS: window.endS },
      lead: null,
    });
    const beat = m.beats[got.beatIndex!]!;
    expect(beat.qrsOnsetS).toBeLessThan(window.endS);
    expect(beat.qrsOffsetS).toBeGreaterThan(window.startS);
    // LBBB: the engine's QRS must be wide, as the sample says (right range 150-160 ms).
    const right = parseMeasurementRange(
      step.ecg_grounding[1]!.options[step.ecg_grounding[1]!.answer_idx[0]]!,
    )!;
    expect(got.value).not.toBeNull();
    expect(got.value!).toBeGreaterThan(120);
    expect(Math.abs(got.value! - (right.lo! + right.hi!) / 2)).toBeLessThan(40);
  });

  it('is null for questions that are not measurement questions', () => {
    const s = sample(476);
    const m = measureRecord(record(s.metadata.ecg_id));
    expect(appMeasurement(s.data.reasoning, { step: 0, index: 0 }, m)).toBeNull();
  });

  it("measures the PR interval of the beat whose P wave the step's window is (sample 166, ECG 111)", () => {
    const s = sample(166);
    const m = measureRecord(record(s.metadata.ecg_id));
    const got = appMeasurement(s.data.reasoning, { step: 1, index: 1 }, m)!;
    // The answer window [6.80s - 6.92s] starts at the P onset of beat index 7 (6.798 s); its QRS starts at 6.970 s.
    const beat = m.beats[got.beatIndex!]!;
    expect([beat.pOnsetS, beat.qrsOnsetS]).toEqual([6.798, 6.97]);
    expect(got).toMatchObject({
      label: 'PR interval (beat at 6.8–6.92 s)',
      value: 172,
      unit: 'ms',
    });
    expect(got.value).not.toBe(Math.round(m.global.pr.value!));
  });

  it('measures the premature beat the step before named (sample 1271, ECG 363)', () => {
    const s = sample(1271);
    expect(s.data.reasoning[1]!.ecg_grounding.map((g) => g.question_type)).toEqual([
      'measurement_grounding',
    ]);
    const m = measureRecord(record(s.metadata.ecg_id));
    const got = appMeasurement(s.data.reasoning, { step: 1, index: 0 }, m)!;
    expect(got).toMatchObject({
      label: 'QRS duration, premature beat at 1.16 s',
      value: 146,
      window: { startS: 1.09, endS: 1.24 },
    });
  });
});

describe('amplitudeBeatLead', () => {
  it('names the lead of an amplitude measured on a beat, and nothing else', async () => {
    const seen = { onBeat: 0, other: 0 };
    for (const { raw, measurements } of await measuredBenchmarkSamples()) {
      const s = convertSample(BenchmarkSampleV001Schema.parse(raw), 'list');
      s.data.reasoning.forEach((step, i) =>
        step.ecg_grounding.forEach((g, j) => {
          if (g.question_type !== 'measurement_grounding') return;
          const app = appMeasurement(s.data.reasoning, { step: i, index: j }, measurements)!;
          const lead = amplitudeBeatLead(app);
          // The structured answer says what the panel's words say.
          const shown = app.label.startsWith(
            `${app.quantity === 'r_amplitude' ? 'R' : 'S'} amplitude in ${app.lead} (beat at `,
          );
          expect(lead !== null).toBe(shown);
          if (lead) expect(lead).toBe(app.lead);
          seen[lead ? 'onBeat' : 'other']++;
        }),
      );
    }
    expect(seen.onBeat).toBeGreaterThan(0);
    expect(seen.other).toBeGreaterThan(0);
  });
});
