import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSample } from '../domain/benchmark/convert';
import { parseMeasurementRange, parseTimeWindow } from '../domain/benchmark/options';
import { measureRecord } from '../domain/measure/measure-record';
import { decodeWfdbRecord } from '../domain/wfdb/decode';
import { parseWfdbHeader } from '../domain/wfdb/header';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { appMeasurement } from './app-measurement';

const shared = resolve(import.meta.dirname, '../../../shared/data');
const samples = readFileSync(resolve(shared, 'benchmark/ptbxl.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { metadata: { id: number } });
const sample = (id: number) =>
  convertSample(
    BenchmarkSampleV001Schema.parse(samples.find((s) => s.metadata.id === id)),
    '0.0.2',
  );
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
    const got = appMeasurement(step.ecg_grounding, 1, m)!;
    const window = parseTimeWindow(
      step.ecg_grounding[0]!.options[step.ecg_grounding[0]!.answer_idx[0]]!,
    )!;
    expect(got.label).toContain(`beat at ${window.startS}–${window.endS} s`);
    expect(got.unit).toBe('ms');
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
    expect(appMeasurement(s.data.reasoning[0]!.ecg_grounding, 0, m)).toBeNull();
  });
});
