import { convertSample } from '../../domain/benchmark/convert';
import { changedPaths } from '../../domain/benchmark/diff/changed-paths';
import { compareSampleSets, withChangedPaths } from '../../domain/benchmark/diff/compare-samples';
import {
  buildReleaseNotes,
  sortReleaseChanges,
} from '../../domain/benchmark/release/release-notes';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';
import type { SampleChange, SampleKey, SampleSetDiff } from '../../schemas/sample-diff';
import type { Db } from '../storage/database';
import type { SnapshotEntry } from './release-snapshot';
import { loadSnapshot } from './release-snapshot';
import { groupInto } from '../../domain/group-into';

/** Sample ids per IN (...) list. */
const IN_LIST = 500;

interface RevisionRow {
  readonly sample_pk: string;
  readonly version: number;
  readonly kind: string;
  readonly content?: string;
}

async function revisionsOf(
  db: Db,
  samplePks: readonly string[],
  withContent: boolean,
): Promise<RevisionRow[]> {
  const out: RevisionRow[] = [];
  const unique = [...new Set(samplePks)];
  for (let start = 0; start < unique.length; start += IN_LIST) {
    const batch = unique.slice(start, start + IN_LIST);
    const query = db
      .selectFrom('sample_revisions')
      .select(['sample_pk', 'version', 'kind'])
      .where('sample_pk', 'in', batch);
    out.push(...(await (withContent ? query.select('content') : query).execute()));
  }
  return out;
}

/** Both sides of each changed sample both snapshots hold, by key. */
function changedPairs(
  diff: SampleSetDiff,
  from: readonly SnapshotEntry[],
  to: readonly SnapshotEntry[],
  which: (change: SampleChange) => boolean,
): Map<SampleKey, { before: SnapshotEntry; after: SnapshotEntry }> {
  const index = (entries: readonly SnapshotEntry[]) =>
    new Map(entries.map((e) => [`${e.dataSource}:${e.id}` as SampleKey, e]));
  const a = index(from);
  const b = index(to);
  const out = new Map<SampleKey, { before: SnapshotEntry; after: SnapshotEntry }>();
  for (const change of diff.changes) {
    if (!which(change)) continue;
    const before = a.get(change.key);
    const after = b.get(change.key);
    if (before && after) out.set(change.key, { before, after });
  }
  return out;
}

const isChanged = (c: SampleChange) => c.change === 'resampled' || c.change === 'edited';

/**
 * The changed fields of the chosen changes (re-sampled and edited ones), read from the two
 * revisions each snapshot points to and compared in the list shape.
 */
async function pathsOfChanges(
  db: Db,
  diff: SampleSetDiff,
  from: readonly SnapshotEntry[],
  to: readonly SnapshotEntry[],
  which: (change: SampleChange) => boolean,
): Promise<SampleSetDiff> {
  const pairs = changedPairs(diff, from, to, which);
  const pks = [...pairs.values()].flatMap((p) => [p.before.samplePk, p.after.samplePk]);
  const contents = new Map<string, string>();
  for (const row of await revisionsOf(db, pks, true)) {
    contents.set(`${row.sample_pk}|${row.version}`, row.content ?? '');
  }
  const read = (entry: SnapshotEntry) =>
    convertSample(
      JSON.parse(contents.get(`${entry.samplePk}|${entry.revision}`) ?? 'null') as BenchmarkSample,
      'list',
    );
  return withChangedPaths(diff, (change) => {
    const pair = pairs.get(change.key);
    return pair ? changedPaths(read(pair.before), read(pair.after)) : undefined;
  });
}

/**
 * The kinds of the revisions each changed sample went through after the older snapshot, up to
 * the newer one ('import', 'fix', 'resample', 'regenerate', ...), by key.
 */
async function revisionKinds(
  db: Db,
  diff: SampleSetDiff,
  from: readonly SnapshotEntry[],
  to: readonly SnapshotEntry[],
): Promise<Map<SampleKey, string[]>> {
  const pairs = changedPairs(diff, from, to, isChanged);
  const byPk = new Map<string, SampleKey>();
  for (const [key, pair] of pairs) {
    // A sample stored anew under the same (source, id) has no history linking the two.
    if (pair.before.samplePk === pair.after.samplePk) byPk.set(pair.after.samplePk, key);
  }
  const kinds = new Map<SampleKey, string[]>();
  const rows = await revisionsOf(db, [...byPk.keys()], false);
  rows.sort((x, y) => x.version - y.version);
  for (const row of rows) {
    const key = byPk.get(row.sample_pk)!;
    const pair = pairs.get(key)!;
    if (row.version <= pair.before.revision || row.version > pair.after.revision) continue;
    groupInto(kinds, key, row.kind);
  }
  return kinds;
}

/** Two snapshots compared, every re-sampled and edited sample with its changed fields. */
export async function diffSnapshots(
  db: Db,
  fromReleaseId: string,
  toReleaseId: string,
): Promise<SampleSetDiff> {
  const from = await loadSnapshot(db, fromReleaseId);
  const to = await loadSnapshot(db, toReleaseId);
  return pathsOfChanges(db, compareSampleSets(from, to), from, to, isChanged);
}

/**
 * Release notes for `name` compared with the release `previous` (null: the first release),
 * generated from the two snapshots and the revision kinds between them (see buildReleaseNotes).
 */
export async function generateReleaseNotes(
  db: Db,
  name: string,
  releaseId: string,
  previous: { readonly id: string; readonly name: string } | null,
): Promise<string> {
  const to = await loadSnapshot(db, releaseId);
  const from = previous ? await loadSnapshot(db, previous.id) : [];
  const bare = compareSampleSets(from, to);
  if (!previous) return buildReleaseNotes({ name, previousName: null, diff: bare });
  const kinds = await revisionKinds(db, bare, from, to);
  // Only fixes in place list their fields: read just those revisions.
  const sections = sortReleaseChanges({ name, previousName: previous.name, diff: bare, kinds });
  const fixed = new Set(sections.fixed.map((c) => c.key));
  const diff = await pathsOfChanges(db, bare, from, to, (c) => fixed.has(c.key));
  return buildReleaseNotes({ name, previousName: previous.name, diff, kinds });
}
