import { describe, expect, it } from 'vitest';
import { FileValidator } from '../../../domain/benchmark/validate-file';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { toStoredSample } from '../sample-rows';
import type { ExistingSample } from './plan';
import { importReport, keyOf, planEcgs, planSamples } from './plan';
import type { ImportRead } from './read';

const samples = loadRealSamples(4);

/** What reading a file of these samples gives (no database, no file). */
function readOf(values: readonly unknown[]): ImportRead {
  const validator = new FileValidator();
  const read = values.map((value, i) => {
    const location = { file: 'f.jsonl', lineNumber: i + 1 };
    const outcome = validator.add({ kind: 'value', location, value });
    return outcome.sample ? { ...toStoredSample(outcome.sample), location } : null;
  });
  return {
    verdict: validator.finish('f.jsonl'),
    samples: read.filter((s) => s !== null),
    entriesRead: values.length,
  };
}

describe('the import plan (pure)', () => {
  const read = readOf(samples);
  const stored = read.samples.map((s) => s.content);
  const existing = new Map<string, ExistingSample>([
    [keyOf('ptbxl', samples[0]!.metadata.id), { id: 'a', version: 3, content: stored[0]! }],
    [keyOf('ptbxl', samples[1]!.metadata.id), { id: 'b', version: 1, content: '{"older":1}' }],
  ]);

  it('creates new samples, replaces changed ones, leaves equal ones, with replace', () => {
    const plan = planSamples(read, existing, { fileName: 'f.jsonl', replace: true });
    expect(plan.errors).toBe(0);
    expect(plan.toCreate.map((s) => s.metadata.id)).toEqual([2, 3]);
    expect(plan.toReplace.map((r) => [r.item.metadata.id, r.current.id])).toEqual([[1, 'b']]);
    expect(plan.unchanged).toBe(1);
    expect(plan.ecgs.map((e) => e.ecgId)).toEqual([
      ...new Set(samples.map((s) => s.metadata.ecg_id)),
    ]);
  });

  it('refuses every sample already stored, by line, without replace', () => {
    const plan = planSamples(read, existing, { fileName: 'f.jsonl', replace: false });
    expect(plan.problems.map((p) => [p.rule, p.lineNumber, p.sampleId])).toEqual([
      ['already-imported', 1, 0],
      ['already-imported', 2, 1],
    ]);
    const report = importReport('refused', 'f.jsonl', read, plan, null);
    expect(report.counts).toMatchObject({ created: 0, replaced: 0, errors: 2 });
    expect(report.answerShape).toBe('list');
  });

  it('refuses a file of dense labels as not-samples', () => {
    const labels = readOf([
      {
        data_source: 'ptbxl',
        ecg_id: '1',
        label: {
          rate: 'normal',
          rhythm: 'sinus',
          axis: 'normal',
          conduction: ['none'],
          ischemia: { stage: 'none', territory: ['none'] },
          other_findings: [],
          diagnosis: 'normal',
        },
      },
    ]);
    const plan = planSamples(labels, new Map(), { fileName: 'labels.jsonl', replace: false });
    expect(plan.problems.map((p) => p.rule)).toEqual(['not-samples']);
  });

  it('registers new ECGs, refreshes known ones and lists the missing records in order', () => {
    const ecgs = [
      { source: 'ptbxl' as const, ecgId: '100', subjectId: null },
      { source: 'ptbxl' as const, ecgId: '20', subjectId: null },
      { source: 'ptbxl' as const, ecgId: '3', subjectId: null },
    ];
    let n = 0;
    const plan = planEcgs(
      ecgs,
      {
        registered: new Map([[keyOf('ptbxl', '20'), { id: 'known', path: null }]]),
        paths: [null, 'records500/00000/00020_hr', null],
        ptbxlMetadata: new Map([['3', { age: 60 }]]),
      },
      () => `new-${n++}`,
      '2026-01-01T00:00:00.000Z',
    );
    expect(plan.newEcgs.map((e) => [e.id, e.ecg_id, e.metadata])).toEqual([
      ['new-0', '100', null],
      ['new-1', '3', '{"ptbxl":{"age":60}}'],
    ]);
    expect(plan.updates).toEqual([
      { id: 'known', path: 'records500/00000/00020_hr', metadata: null },
    ]);
    expect(plan.missingRecords).toEqual(['ptbxl/3', 'ptbxl/100']);
    expect(plan.report).toEqual({ named: 3, registered: 2, withRecord: 1, withMetadata: 1 });
    expect(Object.fromEntries(plan.idByKey)).toEqual({
      'ptbxl/100': 'new-0',
      'ptbxl/20': 'known',
      'ptbxl/3': 'new-1',
    });
  });
});
