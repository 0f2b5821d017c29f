import { describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { SampleKey } from '../../../schemas/sample-diff';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { diffSamples, digestOfSample } from '../diff/diff-samples';
import { buildReleaseNotes, sortReleaseChanges } from './release-notes';

// ids 0-199 first_degree_av_block, 200-302 second_degree_av_block, 303-413 third_degree...
const real = loadRealSamples(414);
const byId = (samples: BenchmarkSampleV002[], id: number) =>
  samples.find((s) => s.metadata.id === id)!;

function plantedChanges() {
  const after = structuredClone(real);
  for (const s of after) {
    if (s.metadata.target_dx === 'second_degree_av_block') {
      s.data.initial_diagnostic_question.question += ' (regenerated)';
      if (s.metadata.id < 210) s.metadata.ecg_id = `9${s.metadata.ecg_id}`;
    }
  }
  for (const id of [5, 17, 18, 19]) byId(after, id).metadata.ecg_id = `8${id}`;
  byId(after, 40).data.reasoning[0]!.criterion_selection.question += ' (reworded)';
  byId(after, 320).data.reasoning[0]!.finding_identification.question += ' (reworded)';
  after.splice(
    after.findIndex((s) => s.metadata.id === 60),
    1,
  );
  const added = structuredClone(byId(real, 61));
  added.metadata.id = 9000;
  after.push(added);
  return diffSamples(real.map(digestOfSample), after.map(digestOfSample));
}

describe('release notes', () => {
  const diff = plantedChanges();

  it('writes the benchmark shape: regenerated diagnoses, re-sampled ids, fixes, added, removed', () => {
    expect(buildReleaseNotes({ name: '0.0.3', previousName: '0.0.2', diff })).toBe(
      [
        '# Release 0.0.3',
        '',
        'Changes since release 0.0.2: 414 samples (ptbxl 414); 4 re-sampled, 2 fixed in place, 1 added, 1 removed; 1 diagnosis regenerated wholesale (103 samples).',
        '',
        '## Diagnoses regenerated wholesale',
        '',
        '- second_degree_av_block (ptbxl): 103 samples regenerated, 10 of them on other ECGs (ids 200-302)',
        '',
        '## Re-sampled samples',
        '',
        'Moved to other ECGs of the pool, each keeping its id, diagnosis, label and path, so the distribution is unchanged.',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl: 5, 17-19',
        '',
        '## Fixes in place',
        '',
        'Corrected on the same ECG; the fields changed are listed.',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl 40: data.reasoning[0].criterion_selection.question',
        '',
        '### third_degree_av_block',
        '',
        '- ptbxl 320: data.reasoning[0].finding_identification.question',
        '',
        '## Added',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl: 9000',
        '',
        '## Removed',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl: 60',
        '',
      ].join('\n'),
    );
  });

  it('lists a diagnosis changed only by individual re-samples and fixes one sample at a time', () => {
    const kinds = new Map<SampleKey, string[]>();
    for (const c of diff.changes)
      kinds.set(c.key, c.change === 'resampled' ? ['resample'] : ['fix']);
    const sections = sortReleaseChanges({ name: 'b', previousName: 'a', diff, kinds });
    expect(sections.regenerated).toEqual([]);
    expect(sections.resampled.map((c) => c.id)).toEqual([5, 17, 18, 19, ...range(200, 210)]);
    expect(sections.fixed).toHaveLength(2 + 93);
  });

  it('keeps the wholesale reading when the revisions show a regeneration (or an import)', () => {
    const kinds = new Map<SampleKey, string[]>();
    for (const c of diff.changes) {
      const regenerated = c.targetDx === 'second_degree_av_block';
      kinds.set(c.key, regenerated ? ['regenerate', 'fix'] : ['fix']);
    }
    kinds.set('ptbxl:201', ['import']);
    const sections = sortReleaseChanges({ name: 'b', previousName: 'a', diff, kinds });
    expect(sections.regenerated.map((g) => [g.targetDx, g.ids.length])).toEqual([
      ['second_degree_av_block', 103],
    ]);
    expect(sections.resampled.map((c) => c.id)).toEqual([5, 17, 18, 19]);
  });

  it('says "None." for empty sections and only counts for a first release', () => {
    const same = diffSamples(real.map(digestOfSample), real.map(digestOfSample));
    const notes = buildReleaseNotes({ name: 'b', previousName: 'a', diff: same });
    expect(notes).toContain('## Diagnoses regenerated wholesale\n\nNone.');
    expect(notes).toContain('## Re-sampled samples\n\nNone.');
    expect(notes).toContain('## Fixes in place\n\nNone.');
    expect(notes).not.toContain('## Added');
    const first = diffSamples([], real.map(digestOfSample));
    expect(buildReleaseNotes({ name: 'a', previousName: null, diff: first })).toBe(
      '# Release a\n\nFirst release of this workspace: 414 samples (ptbxl 414).\n',
    );
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
