import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BenchmarkSampleV001Schema,
  BenchmarkSampleV002Schema,
  DATA_SOURCES,
  ANSWER_SHAPES,
  AnswerShapeNameSchema,
  QUESTION_TYPES,
  parseAnswerShape,
  TARGET_DX,
} from './benchmark-sample';
import { DenseLabelLineSchema } from './dense-label';

const benchmarkPath = resolve(import.meta.dirname, '../../../shared/data/benchmark/ptbxl.jsonl');
const lines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .slice(0, 200);

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('sample schemas', () => {
  it('declares the documented constants', () => {
    expect(ANSWER_SHAPES).toEqual(['list', 'scalar']);
    expect(TARGET_DX).toHaveLength(17);
    expect(new Set(TARGET_DX).size).toBe(17);
    expect(DATA_SOURCES).toEqual(['ptbxl', 'mimic_iv_ecg']);
    expect(QUESTION_TYPES).toHaveLength(7);
  });

  it('parses real samples into the docs key order, whatever order they came in', () => {
    for (const line of lines) {
      const parsed = BenchmarkSampleV001Schema.parse(reversedKeys(JSON.parse(line)));
      expect(JSON.stringify(parsed)).toBe(line);
    }
  });

  it('reads the shape names and the old version spellings as the shapes they mean', () => {
    expect(['list', 'scalar', '0.0.2', '0.0.1', '0.0.3', 'List'].map(parseAnswerShape)).toEqual([
      'list',
      'scalar',
      'list',
      'scalar',
      undefined,
      undefined,
    ]);
    expect(AnswerShapeNameSchema.parse('0.0.1')).toBe('scalar');
    expect(AnswerShapeNameSchema.safeParse('toString').success).toBe(false);
  });

  it('rejects unknown keys and the other answer shape', () => {
    const sample = JSON.parse(lines[0]!);
    expect(BenchmarkSampleV001Schema.safeParse({ ...sample, extra: 1 }).success).toBe(false);
    // lines[0] has wave and measurement grounding, written in the scalar shape (texts).
    expect(BenchmarkSampleV002Schema.safeParse(sample).success).toBe(false);
  });

  it('keeps labeller and status after label in a label line', () => {
    const line = {
      status: 'draft',
      labeller: 'u1',
      label: {
        diagnosis: 'x',
        other_findings: [],
        ischemia: { territory: ['none'], stage: 'none' },
        conduction: ['none'],
        axis: 'normal',
        rhythm: 'sinus',
        rate: 'normal',
      },
      ecg_id: '1',
      data_source: 'ptbxl',
    };
    expect(Object.keys(DenseLabelLineSchema.parse(line))).toEqual([
      'data_source',
      'ecg_id',
      'label',
      'labeller',
      'status',
    ]);
  });
});
