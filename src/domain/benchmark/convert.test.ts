import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchmarkSample, BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import { convertSample } from './convert';
import { serializeSample } from './serialize';
import { validateSample } from './validate-sample';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
const lines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const samples: BenchmarkSample[] = lines.map((line) => validateSample(JSON.parse(line)).sample!);

/** Reverses the key order of every object, recursively (same data, another order). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('conversion between the scalar and the list answer shapes', () => {
  it('scalar -> list -> scalar gives back every real sample with the same key order', () => {
    let differing = 0;
    for (const [i, sample] of samples.entries()) {
      const back = convertSample(convertSample(sample, 'list'), 'scalar');
      if (JSON.stringify(back) !== lines[i]) differing++;
    }
    expect(differing).toBe(0);
    expect(samples.length).toBe(lines.length);
  });

  it('the list shape wraps exactly the wave and measurement answers in one-element lists', () => {
    for (const sample of samples.slice(0, 300)) {
      const v2 = convertSample(sample, 'list');
      const expected = JSON.parse(JSON.stringify(sample));
      for (const step of expected.data.reasoning) {
        for (const g of step.ecg_grounding) {
          if (g.question_type === 'lead_grounding') continue;
          g.answer = [g.answer];
          g.answer_idx = [g.answer_idx];
        }
      }
      expect(v2).toStrictEqual(expected);
    }
  });

  it('returns fresh objects, never the input', () => {
    const sample = samples[0]!;
    const copy = convertSample(sample, 'scalar');
    expect(copy).not.toBe(sample);
    expect(copy.data.reasoning[0]).not.toBe(sample.data.reasoning[0]);
    expect(copy).toStrictEqual(sample);
  });

  it('refuses to write a list of two answers in the scalar shape', () => {
    const withWave = samples.find((s) =>
      s.data.reasoning.some((st) =>
        st.ecg_grounding.some((g) => g.question_type === 'wave_grounding'),
      ),
    )!;
    const v2 = convertSample(withWave, 'list') as BenchmarkSampleV002;
    const step = v2.data.reasoning.find((st) =>
      st.ecg_grounding.some((g) => g.question_type === 'wave_grounding'),
    )!;
    const g = step.ecg_grounding.find((x) => x.question_type === 'wave_grounding')!;
    (g.answer as string[]).push(g.options[0]!);
    expect(() => convertSample(v2, 'scalar')).toThrow(/one-element list, found 2 elements/);
  });
});

describe('serializeSample', () => {
  it('writes every real line back byte for byte in the scalar shape, twice the same', () => {
    let differing = 0;
    for (const [i, sample] of samples.entries()) {
      const once = serializeSample(sample, 'scalar');
      if (once !== lines[i] || serializeSample(sample, 'scalar') !== once) differing++;
    }
    expect(differing).toBe(0);
  });

  it('writes the list shape identically twice, and it reads back as the same list-shaped sample', () => {
    for (const sample of samples.slice(0, 500)) {
      const text = serializeSample(sample, 'list');
      expect(serializeSample(sample, 'list')).toBe(text);
      expect(text.endsWith('\n')).toBe(false);
      const again = validateSample(JSON.parse(text));
      expect(again.answerShape === 'list' || again.answerShape === null).toBe(true);
      expect(serializeSample(again.sample!, 'list')).toBe(text);
      expect(serializeSample(again.sample!, 'scalar')).toBe(serializeSample(sample, 'scalar'));
    }
  });

  it('writes canonical key order whatever order the object was built in', () => {
    for (const [i, sample] of samples.slice(0, 50).entries()) {
      const shuffled = reversedKeys(sample) as BenchmarkSample;
      expect(JSON.stringify(shuffled)).not.toBe(lines[i]);
      expect(serializeSample(shuffled, 'scalar')).toBe(lines[i]);
    }
  });

  it('keeps subject_id last in metadata for MIMIC-IV-ECG samples', () => {
    const mimic = {
      ...samples[0]!,
      metadata: { subject_id: '10001725', ...samples[0]!.metadata, data_source: 'mimic_iv_ecg' },
    } as BenchmarkSample;
    const text = serializeSample(mimic, 'list');
    expect(text).toContain('"path_idx":0,"subject_id":"10001725"},"data"');
    expect(validateSample(JSON.parse(text)).problems).toEqual([]);
  });
});
