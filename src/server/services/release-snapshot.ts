import { createHash } from 'node:crypto';
import type { SampleDigest } from '../../domain/benchmark/diff/compare-samples';
import { serializeSample } from '../../domain/benchmark/serialize';
import { validateSample } from '../../domain/benchmark/validate-sample';
import type { ReleaseFile } from '../../schemas/api/releases';
import type { AnswerShape, DataSource, TargetDx } from '../../schemas/benchmark-sample';
import { DATA_SOURCES, ANSWER_SHAPES } from '../../schemas/benchmark-sample';
import type { Db, ReleaseSamplesTable } from '../storage/database';
import { exportFileName, sha256Hex } from './export';
import { BENCHMARK_STATUSES } from './sample-rows';
import { ServiceError } from './service-error';

/** Rows per INSERT: well under both databases' parameter limits (8 columns a row). */
const INSERT_ROWS = 500;
/** Sample ids per IN (...) list. */
const IN_LIST = 500;
/** Problems named in a refused cut before the rest are counted. */
const MAX_ISSUES = 20;

/** A frozen release's files, the same list for every shape and source (empty ones left out). */
export interface FrozenSnapshot {
  readonly sampleCount: number;
  readonly files: ReleaseFile[];
}

/** The SHA-256 a snapshot keeps for a sample: of its canonical list-shape line. */
export function contentSha256(listLine: string): string {
  return sha256Hex(listLine);
}

/** One active sample checked and written in both shapes, ready to freeze. */
interface PreparedSample {
  readonly samplePk: string;
  readonly version: number;
  readonly dataSource: string;
  readonly sampleId: number;
  readonly ecgId: string;
  readonly targetDx: string;
  readonly lines: Record<AnswerShape, string>;
  readonly listSha256: string;
}

/** Samples prepared for a cut, by sample primary key. */
export type PreparedSamples = ReadonlyMap<string, PreparedSample>;

/** Validates and serialises stored samples; 422 naming the first problems if any fails. */
function prepareRows(
  rows: readonly { id: string; version: number; content: string }[],
): Map<string, PreparedSample> {
  const out = new Map<string, PreparedSample>();
  const issues: { path: string; message: string }[] = [];
  let problems = 0;
  for (const row of rows) {
    const checked = validateSample(JSON.parse(row.content), { shape: 'list' });
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 || !checked.sample) {
      const m = (JSON.parse(row.content) as { metadata?: { data_source?: string; id?: number } })
        .metadata;
      problems += Math.max(errors.length, 1);
      for (const p of errors) {
        if (issues.length < MAX_ISSUES)
          issues.push({ path: `${m?.data_source}:${m?.id} ${p.pathText}`, message: p.message });
      }
      continue;
    }
    const m = checked.sample.metadata;
    const list = serializeSample(checked.sample, 'list');
    out.set(row.id, {
      samplePk: row.id,
      version: row.version,
      dataSource: m.data_source,
      sampleId: m.id,
      ecgId: m.ecg_id,
      targetDx: m.target_dx,
      lines: { list, scalar: serializeSample(checked.sample, 'scalar') },
      listSha256: contentSha256(list),
    });
  }
  if (problems > 0) {
    throw new ServiceError(
      'unprocessable',
      `The release was not cut: ${problems} validation error(s) in the samples; fix them and cut again.`,
      { code: 'samples_invalid', issues },
    );
  }
  return out;
}

/**
 * Reads, validates and serialises every active sample BEFORE the cut's write transaction, so
 * the CPU work does not hold the write lock; freezeSnapshot then only re-reads what changed
 * meanwhile. 422 naming the first problems if any sample fails validation.
 */
export async function prepareSnapshot(db: Db): Promise<PreparedSamples> {
  const rows = await db
    .selectFrom('samples')
    .select(['id', 'version', 'content'])
    .where('status', 'in', BENCHMARK_STATUSES)
    .execute();
  return prepareRows(rows);
}

/**
 * Freezes every active sample into release_samples for releaseId, inside the caller's
 * transaction: the revision it is at (as one statement reads them), its ecg_id and diagnosis,
 * and the SHA-256 of its canonical list-shape line. Samples written since `prepared` was read
 * are read again from their immutable revisions and validated (422 if any fails). Returns the
 * export files of both answer shapes, with sizes and SHA-256s every later export reproduces.
 */
export async function freezeSnapshot(
  trx: Db,
  releaseId: string,
  prepared: PreparedSamples,
): Promise<FrozenSnapshot> {
  // One statement decides which revision of which sample the release holds.
  const current = await trx
    .selectFrom('samples')
    .select(['id', 'version'])
    .where('status', 'in', BENCHMARK_STATUSES)
    .execute();
  const stale = current.filter((c) => prepared.get(c.id)?.version !== c.version);
  const fresh = new Map<string, PreparedSample>();
  for (let start = 0; start < stale.length; start += IN_LIST) {
    const batch = stale.slice(start, start + IN_LIST);
    const wanted = new Map(batch.map((c) => [c.id, c.version]));
    const revisions = await trx
      .selectFrom('sample_revisions')
      .select(['sample_pk as id', 'version', 'content'])
      .where('sample_pk', 'in', [...wanted.keys()])
      .execute();
    const rows = revisions.filter((r) => wanted.get(r.id) === r.version);
    for (const [pk, sample] of prepareRows(rows)) fresh.set(pk, sample);
  }
  const samples = current
    .map((c) => fresh.get(c.id) ?? prepared.get(c.id)!)
    .sort(
      (x, y) =>
        DATA_SOURCES.indexOf(x.dataSource as DataSource) -
          DATA_SOURCES.indexOf(y.dataSource as DataSource) || x.sampleId - y.sampleId,
    );
  const rows: ReleaseSamplesTable[] = samples.map((sample) => ({
    release_id: releaseId,
    data_source: sample.dataSource,
    sample_id: sample.sampleId,
    sample_pk: sample.samplePk,
    revision: sample.version,
    ecg_id: sample.ecgId,
    target_dx: sample.targetDx,
    content_sha256: sample.listSha256,
  }));
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    await trx
      .insertInto('release_samples')
      .values(rows.slice(start, start + INSERT_ROWS))
      .execute();
  }
  return { sampleCount: rows.length, files: exportFiles(samples) };
}

/** The export files of both shapes, per source, in id order (what the export streams). */
function exportFiles(samples: readonly PreparedSample[]): ReleaseFile[] {
  const out: ReleaseFile[] = [];
  for (const shape of ANSWER_SHAPES) {
    for (const source of DATA_SOURCES) {
      const ofSource = samples.filter((s) => s.dataSource === source);
      if (ofSource.length === 0) continue;
      const hash = createHash('sha256');
      let bytes = 0;
      for (const sample of ofSource) {
        const line = `${sample.lines[shape]}\n`;
        hash.update(line, 'utf8');
        bytes += Buffer.byteLength(line, 'utf8');
      }
      out.push({
        shape,
        file: exportFileName(source),
        dataSource: source,
        samples: ofSource.length,
        bytes,
        sha256: hash.digest('hex'),
      });
    }
  }
  return out;
}

/** One sample of a snapshot: its digest (content = SHA-256) and the revision it points to. */
export interface SnapshotEntry extends SampleDigest {
  readonly samplePk: string;
  readonly revision: number;
}

/** Every sample a release froze, ordered by data source and id. */
export async function loadSnapshot(db: Db, releaseId: string): Promise<SnapshotEntry[]> {
  const rows = await db
    .selectFrom('release_samples')
    .selectAll()
    .where('release_id', '=', releaseId)
    .orderBy('data_source')
    .orderBy('sample_id')
    .execute();
  return rows.map((row) => ({
    dataSource: row.data_source as DataSource,
    id: row.sample_id,
    ecgId: row.ecg_id,
    targetDx: row.target_dx as TargetDx,
    content: row.content_sha256,
    samplePk: row.sample_pk,
    revision: row.revision,
  }));
}
