/** Compares two sets of benchmark samples by (data_source, id). */
import type { DataSource, TargetDx } from '../../../schemas/benchmark-sample';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import type {
  DiagnosisChange,
  SampleChange,
  SampleKey,
  SampleSetDiff,
} from '../../../schemas/sample-diff';

/** What a comparison needs to know of one sample. */
export interface SampleDigest {
  readonly dataSource: DataSource;
  readonly id: number;
  readonly ecgId: string;
  readonly targetDx: TargetDx;
  /**
   * Equal exactly when the contents are equal: the canonical list-shape line, or its hash.
   * Comparing canonical list-shape bytes means a change of answer shape alone is no edit.
   */
  readonly content: string;
}

/** "<data_source>:<id>", the name of a sample in diffs, notes and the command line. */
export function sampleKey(dataSource: DataSource, id: number): SampleKey {
  return `${dataSource}:${id}`;
}

/** Orders samples by data source (the format's order), then id. */
export function compareSampleOrder(
  a: { readonly dataSource: DataSource; readonly id: number },
  b: { readonly dataSource: DataSource; readonly id: number },
): number {
  const bySource = DATA_SOURCES.indexOf(a.dataSource) - DATA_SOURCES.indexOf(b.dataSource);
  return bySource !== 0 ? bySource : a.id - b.id;
}

function indexByKey(digests: Iterable<SampleDigest>, side: string): Map<SampleKey, SampleDigest> {
  const out = new Map<SampleKey, SampleDigest>();
  for (const digest of digests) {
    const key = sampleKey(digest.dataSource, digest.id);
    if (out.has(key)) throw new Error(`The ${side} set holds ${key} twice.`);
    out.set(key, digest);
  }
  return out;
}

type GroupCounts = Omit<DiagnosisChange, 'wholesale'>;

function emptyGroup(dataSource: DataSource, targetDx: TargetDx): GroupCounts {
  return {
    dataSource,
    targetDx,
    samplesBefore: 0,
    samplesAfter: 0,
    unchanged: 0,
    resampled: 0,
    edited: 0,
    added: 0,
    removed: 0,
  };
}

/**
 * Compares two sets of samples by (data_source, id): a sample both hold is re-sampled when its
 * ecg_id changed, edited when its content changed on the same ECG, else unchanged; one only the
 * newer set holds is added, one only the older holds is removed. Changes come without paths
 * (fill them in with withChangedPaths). Per diagnosis and source, a group changed wholesale
 * when both sets hold at least one of its samples and every sample both hold changed (counted
 * under the newer set's diagnosis). Throws if a set holds one (data_source, id) twice.
 */
export function compareSampleSets(
  before: Iterable<SampleDigest>,
  after: Iterable<SampleDigest>,
): SampleSetDiff {
  const a = indexByKey(before, 'older');
  const b = indexByKey(after, 'newer');
  const groups = new Map<string, GroupCounts>();
  const group = (dataSource: DataSource, targetDx: TargetDx) => {
    const key = `${dataSource}|${targetDx}`;
    let found = groups.get(key);
    if (!found) groups.set(key, (found = emptyGroup(dataSource, targetDx)));
    return found;
  };
  const changes: SampleChange[] = [];
  const change = (
    digest: SampleDigest,
    kind: SampleChange['change'],
    ecgIdBefore: string | null,
    ecgIdAfter: string | null,
  ) => {
    changes.push({
      key: sampleKey(digest.dataSource, digest.id),
      dataSource: digest.dataSource,
      id: digest.id,
      targetDx: digest.targetDx,
      change: kind,
      ecgIdBefore,
      ecgIdAfter,
      paths: [],
    });
  };
  let unchanged = 0;
  for (const old of a.values()) group(old.dataSource, old.targetDx).samplesBefore++;
  for (const [key, now] of b) {
    const g = group(now.dataSource, now.targetDx);
    g.samplesAfter++;
    const old = a.get(key);
    if (!old) {
      g.added++;
      change(now, 'added', null, now.ecgId);
    } else if (old.ecgId !== now.ecgId) {
      g.resampled++;
      change(now, 'resampled', old.ecgId, now.ecgId);
    } else if (old.content !== now.content) {
      g.edited++;
      change(now, 'edited', old.ecgId, now.ecgId);
    } else {
      g.unchanged++;
      unchanged++;
    }
  }
  for (const [key, old] of a) {
    if (b.has(key)) continue;
    group(old.dataSource, old.targetDx).removed++;
    change(old, 'removed', old.ecgId, null);
  }
  changes.sort(compareSampleOrder);
  const byDiagnosis: DiagnosisChange[] = [...groups.values()]
    .sort(
      (x, y) =>
        DATA_SOURCES.indexOf(x.dataSource) - DATA_SOURCES.indexOf(y.dataSource) ||
        TARGET_DX.indexOf(x.targetDx) - TARGET_DX.indexOf(y.targetDx),
    )
    .map((g) => {
      const held = g.unchanged + g.resampled + g.edited;
      return { ...g, wholesale: held > 0 && g.unchanged === 0 };
    });
  const count = (kind: SampleChange['change']) => changes.filter((c) => c.change === kind).length;
  return {
    counts: {
      before: a.size,
      after: b.size,
      unchanged,
      resampled: count('resampled'),
      edited: count('edited'),
      added: count('added'),
      removed: count('removed'),
    },
    changes,
    byDiagnosis,
  };
}

/** The diff with each change's changed paths filled in from pathsOf (keys it skips keep []). */
export function withChangedPaths(
  diff: SampleSetDiff,
  pathsOf: (change: SampleChange) => readonly string[] | undefined,
): SampleSetDiff {
  return {
    ...diff,
    changes: diff.changes.map((change) => ({ ...change, paths: [...(pathsOf(change) ?? [])] })),
  };
}
