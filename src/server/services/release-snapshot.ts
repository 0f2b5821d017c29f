import { createHash } from 'node:crypto';
import type { AnswerShape } from '../../domain/benchmark/answer-shape';
import { ANSWER_SHAPES } from '../../domain/benchmark/answer-shape';
import type { SampleDigest } from '../../domain/benchmark/diff/compare-samples';
import { serializeSample } from '../../domain/benchmark/serialize';
import { validateSample } from '../../domain/benchmark/validate-sample';
import type { ReleaseFile } from '../../schemas/api/releases';
import type { DataSource, TargetDx } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Db, ReleaseSamplesTable } from '../storage/database';
import { exportFileName, sha256Hex } from './export';
import { ServiceError } from './service-error';

/** Rows per INSERT: well under both databases' parameter limits (8 columns a row). */
const INSERT_ROWS = 500;
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

/**
 * Freezes every active sample into release_samples for releaseId, inside the caller's
 * transaction: the revision it is at, its ecg_id and diagnosis, and the SHA-256 of its canonical
 * list-shape line. Every sample must pass validation (422 naming the first problems otherwise).
 * Returns the export files of both answer shapes, with their sizes and SHA-256s, which every
 * later export of this release reproduces byte for byte.
 */
export async function freezeSnapshot(trx: Db, releaseId: string): Promise<FrozenSnapshot> {
  // One statement: a consistent view of the samples even under PostgreSQL's read committed.
  const samples = await trx
    .selectFrom('samples')
    .select(['id', 'data_source', 'sample_id', 'version', 'content'])
    .where('status', '=', 'active')
    .orderBy('data_source')
    .orderBy('sample_id')
    .execute();
  const rows: ReleaseSamplesTable[] = [];
  const issues: { path: string; message: string }[] = [];
  let problems = 0;
  const files = new Map<
    string,
    { hash: ReturnType<typeof createHash>; bytes: number; n: number }
  >();
  for (const sample of samples) {
    const where = `${sample.data_source}:${sample.sample_id}`;
    const checked = validateSample(JSON.parse(sample.content), { version: '0.0.2' });
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 || !checked.sample) {
      problems += errors.length;
      for (const p of errors) {
        if (issues.length < MAX_ISSUES)
          issues.push({ path: `${where} ${p.pathText}`, message: p.message });
      }
      continue;
    }
    const lines: Record<AnswerShape, string> = {
      list: serializeSample(checked.sample, '0.0.2'),
      scalar: serializeSample(checked.sample, '0.0.1'),
    };
    for (const shape of ANSWER_SHAPES) {
      const key = `${shape}|${sample.data_source}`;
      let file = files.get(key);
      if (!file) files.set(key, (file = { hash: createHash('sha256'), bytes: 0, n: 0 }));
      const line = `${lines[shape]}\n`;
      file.hash.update(line, 'utf8');
      file.bytes += Buffer.byteLength(line, 'utf8');
      file.n++;
    }
    const m = checked.sample.metadata;
    rows.push({
      release_id: releaseId,
      data_source: m.data_source,
      sample_id: m.id,
      sample_pk: sample.id,
      revision: sample.version,
      ecg_id: m.ecg_id,
      target_dx: m.target_dx,
      content_sha256: contentSha256(lines.list),
    });
  }
  if (problems > 0) {
    throw new ServiceError(
      'unprocessable',
      `The release was not cut: ${problems} validation error(s) in the samples; fix them and cut again.`,
      { code: 'samples_invalid', issues },
    );
  }
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    await trx
      .insertInto('release_samples')
      .values(rows.slice(start, start + INSERT_ROWS))
      .execute();
  }
  const out: ReleaseFile[] = [];
  for (const shape of ANSWER_SHAPES) {
    for (const source of DATA_SOURCES) {
      const file = files.get(`${shape}|${source}`);
      if (!file) continue;
      out.push({
        shape,
        file: exportFileName(source),
        dataSource: source,
        samples: file.n,
        bytes: file.bytes,
        sha256: file.hash.digest('hex'),
      });
    }
  }
  return { sampleCount: rows.length, files: out };
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
