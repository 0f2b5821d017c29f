import { describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { convertSample } from '../convert';
import { compareSampleSets, sampleKey } from './compare-samples';
import { diffSamples, digestOfSample } from './diff-samples';

// ids 0-199 first_degree_av_block, 200-302 second_degree_av_block, 303-413 third_degree...
const real = loadRealSamples(420);
const byId = (samples: BenchmarkSampleV002[], id: number) =>
  samples.find((s) => s.metadata.id === id)!;
const keysOf = (diff: ReturnType<typeof diffSamples>, kind: string) =>
  diff.changes.filter((c) => c.change === kind).map((c) => c.key);

describe('diffSamples on real samples with planted changes', () => {
  it('finds no change when only the answer shape differs', () => {
    const scalar = real.map((s) => digestOfSample(convertSample(s, 'scalar')));
    const diff = diffSamples(scalar, real.map(digestOfSample));
    expect(diff.changes).toEqual([]);
    expect(diff.counts).toMatchObject({ before: 420, after: 420, unchanged: 420 });
    expect(diff.byDiagnosis.every((g) => !g.wholesale)).toBe(true);
  });

  it('lists exactly the re-sampled, edited, added and removed ids, with their paths', () => {
    const after = structuredClone(real);
    byId(after, 5).metadata.ecg_id = '21472';
    byId(after, 250).metadata.ecg_id = '1';
    byId(after, 40).data.reasoning[0]!.criterion_selection.question += ' (reworded)';
    byId(after, 41).metadata.dx_label = !byId(after, 41).metadata.dx_label;
    const removed = after.findIndex((s) => s.metadata.id === 60);
    after.splice(removed, 1);
    const added = structuredClone(byId(real, 61));
    added.metadata.id = 9000;
    after.push(added);

    const diff = diffSamples(
      real.map((s) => digestOfSample(convertSample(s, 'scalar'))),
      after.map(digestOfSample),
    );
    expect(keysOf(diff, 'resampled')).toEqual(['ptbxl:5', 'ptbxl:250']);
    expect(keysOf(diff, 'edited')).toEqual(['ptbxl:40', 'ptbxl:41']);
    expect(keysOf(diff, 'added')).toEqual(['ptbxl:9000']);
    expect(keysOf(diff, 'removed')).toEqual(['ptbxl:60']);
    const change = (key: string) => diff.changes.find((c) => c.key === key)!;
    expect(change('ptbxl:40').paths).toEqual(['data.reasoning[0].criterion_selection.question']);
    expect(change('ptbxl:41').paths).toEqual(['metadata.dx_label']);
    expect(change('ptbxl:5')).toMatchObject({
      ecgIdBefore: byId(real, 5).metadata.ecg_id,
      ecgIdAfter: '21472',
      paths: ['metadata.ecg_id'],
    });
    expect(change('ptbxl:9000')).toMatchObject({ ecgIdBefore: null, paths: [] });
    expect(change('ptbxl:60')).toMatchObject({ targetDx: 'first_degree_av_block' });
    expect(diff.counts).toEqual({
      before: 420,
      after: 420,
      unchanged: 415,
      resampled: 2,
      edited: 2,
      added: 1,
      removed: 1,
    });
    const first = diff.byDiagnosis.find((g) => g.targetDx === 'first_degree_av_block')!;
    expect(first).toMatchObject({
      samplesBefore: 200,
      samplesAfter: 200,
      resampled: 1,
      edited: 2,
      added: 1,
      removed: 1,
      unchanged: 196,
      wholesale: false,
    });
  });

  it('says a diagnosis changed wholesale exactly when every sample both hold changed', () => {
    const after = structuredClone(real);
    for (const s of after) {
      if (s.metadata.target_dx !== 'second_degree_av_block') continue;
      // Half move to another ECG, half are rewritten on theirs: wholesale either way.
      if (s.metadata.id % 2 === 0) s.metadata.ecg_id = `9${s.metadata.ecg_id}`;
      else s.data.initial_diagnostic_question.question += ' ';
    }
    // third_degree: all but one changed, so not wholesale.
    for (const s of after) {
      if (s.metadata.target_dx === 'third_degree_av_block' && s.metadata.id !== 303)
        s.metadata.ecg_id = `9${s.metadata.ecg_id}`;
    }
    const diff = diffSamples(real.map(digestOfSample), after.map(digestOfSample));
    const wholesale = diff.byDiagnosis.filter((g) => g.wholesale).map((g) => g.targetDx);
    expect(wholesale).toEqual(['second_degree_av_block']);
    const second = diff.byDiagnosis.find((g) => g.targetDx === 'second_degree_av_block')!;
    expect(second.resampled + second.edited).toBe(103);
  });

  it('does not call a diagnosis that exists on one side only a wholesale change', () => {
    const diff = diffSamples([], real.slice(0, 3).map(digestOfSample));
    expect(diff.byDiagnosis).toEqual([
      expect.objectContaining({ targetDx: 'first_degree_av_block', added: 3, wholesale: false }),
    ]);
  });

  it('refuses a set that holds one sample twice', () => {
    const digest = digestOfSample(real[0]!);
    expect(() => compareSampleSets([digest, digest], [])).toThrow(/ptbxl:0 twice/);
    expect(sampleKey('mimic_iv_ecg', 7)).toBe('mimic_iv_ecg:7');
  });
});
