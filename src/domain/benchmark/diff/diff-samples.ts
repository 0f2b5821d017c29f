/** Diffs two in-memory sets of samples (either answer shape), changed paths included. */
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { SampleSetDiff } from '../../../schemas/sample-diff';
import { serializeSample } from '../serialize';
import { changedPaths } from './changed-paths';
import type { SampleDigest } from './compare-samples';
import { compareSampleSets, sampleKey, withChangedPaths } from './compare-samples';

/** A sample's digest, its content the canonical list-shape line (a shape change is no edit). */
export function digestOfSample(sample: BenchmarkSample): SampleDigest {
  const m = sample.metadata;
  return {
    dataSource: m.data_source,
    id: m.id,
    ecgId: m.ecg_id,
    targetDx: m.target_dx,
    content: serializeSample(sample, 'list'),
  };
}

/**
 * Compares two sets of samples by (data_source, id) after writing both in the list shape (see
 * compareSampleSets), with the changed JSON paths of every re-sampled and edited sample.
 */
export function diffSamples(
  before: Iterable<SampleDigest>,
  after: Iterable<SampleDigest>,
): SampleSetDiff {
  const older = [...before];
  const newer = [...after];
  const diff = compareSampleSets(older, newer);
  const a = new Map(older.map((d) => [sampleKey(d.dataSource, d.id), d]));
  const b = new Map(newer.map((d) => [sampleKey(d.dataSource, d.id), d]));
  return withChangedPaths(diff, (change) => {
    if (change.change !== 'resampled' && change.change !== 'edited') return undefined;
    const old = a.get(change.key);
    const now = b.get(change.key);
    if (!old || !now) return undefined;
    return changedPaths(JSON.parse(old.content), JSON.parse(now.content));
  });
}
