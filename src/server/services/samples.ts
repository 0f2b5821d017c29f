import type {
  RevisionKind,
  SampleFilters,
  SampleListQuery,
  SampleNeighbours,
  SampleResponse,
  SampleRevision,
  SampleWriteResponse,
} from '../../schemas/api/samples';
import type { BenchmarkSampleV002, DataSource, Metadata } from '../../schemas/benchmark-sample';
import type { SampleProvenance } from '../../schemas/sample-provenance';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db, SamplesTable } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { insertAuditRow } from './audit';
import { decodeCursor, encodeCursor } from './cursor';
import { SAMPLE_STATUS, nextRevisionRows } from './sample-rows';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';
import { checkSampleWrite } from './write-checks';

/** The status of a sample generated anew from its template (re-sampled, regenerated): back to review. */
export const SAMPLE_STATUS_REVIEW = SAMPLE_STATUS.review;

const KIND_NAME = { fix: 'fix in place', resample: 're-sample', regenerate: 'regeneration' };

type SampleRow = SamplesTable & { record_path: string | null };

function selectSamples(db: Db) {
  return db
    .selectFrom('samples')
    .leftJoin('ecg_records', 'ecg_records.id', 'samples.ecg_record_id')
    .selectAll('samples')
    .select('ecg_records.path as record_path');
}

function toResponse(row: SampleRow): SampleResponse {
  return {
    id: row.id,
    version: row.version,
    updatedAt: row.updated_at,
    sample: JSON.parse(row.content) as BenchmarkSampleV002,
    ecg: {
      id: row.ecg_record_id,
      source: row.data_source as DataSource,
      ecgId: row.ecg_id,
      recordAvailable: row.record_path !== null && row.record_path !== undefined,
    },
  };
}

/** The workspace's row id of the sample's ECG, or null when it is not registered. */
export async function findEcgRecordId(db: Db, metadata: Metadata): Promise<string | null> {
  const row = await db
    .selectFrom('ecg_records')
    .select('id')
    .where('source', '=', metadata.data_source)
    .where('ecg_id', '=', metadata.ecg_id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** One sample with its ECG reference; 404 if unknown. */
export async function getSample(db: Db, id: string): Promise<SampleResponse> {
  const row = await selectSamples(db).where('samples.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Sample');
  return toResponse(row);
}

/**
 * Rows on one side of (source, sampleId) in list order (data_source, then sample id); `<=` and
 * `>=` include the row itself.
 */
function beyondInListOrder(
  eb: ExpressionBuilder<Database, 'samples'>,
  op: '<' | '<=' | '>' | '>=',
  source: string,
  sampleId: number,
) {
  const strict = op === '<' || op === '<=' ? '<' : '>';
  return eb.or([
    eb('data_source', strict, source),
    eb.and([eb('data_source', '=', source), eb('sample_id', op, sampleId)]),
  ]);
}

/** The rows the list's filters keep (one definition for the list and the neighbours). */
function matchingFilters(eb: ExpressionBuilder<Database, 'samples'>, filters: SampleFilters) {
  const kept = [];
  if (filters.data_source) kept.push(eb('data_source', '=', filters.data_source));
  if (filters.target_dx) kept.push(eb('target_dx', '=', filters.target_dx));
  if (filters.dx_label !== undefined) kept.push(eb('dx_label', '=', filters.dx_label ? 1 : 0));
  if (filters.ecg) kept.push(eb('ecg_record_id', '=', filters.ecg));
  if (filters.preflag === 'flagged' || filters.preflag === 'clean' || filters.preflag_rule) {
    // A sample never checked has no rows, so it counts as clean.
    let preflags = eb
      .selectFrom('sample_preflags')
      .select('sample_preflags.sample_pk')
      .whereRef('sample_preflags.sample_pk', '=', 'samples.id');
    if (filters.preflag_rule) preflags = preflags.where('sample_preflags.rule', '=', filters.preflag_rule);
    kept.push(filters.preflag === 'clean' ? eb.not(eb.exists(preflags)) : eb.exists(preflags));
  }
  return eb.and(kept);
}

/**
 * Where a sample sits in the list order (data_source, then sample id) among the samples the
 * filters keep: the ids before and after it and its 1-based position (null when the filters
 * leave it out), so the sample view can step through a filtered worklist without loading it.
 */
export async function getSampleNeighbours(
  db: Db,
  id: string,
  filters: SampleFilters = {},
): Promise<SampleNeighbours> {
  const here = await db
    .selectFrom('samples')
    .select(['data_source', 'sample_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!here) throw notFound('Sample');
  const { data_source: source, sample_id: sampleId } = here;
  const filtered = () => db.selectFrom('samples').where((eb) => matchingFilters(eb, filters));
  const previous = await filtered()
    .select('id')
    .where((eb) => beyondInListOrder(eb, '<', source, sampleId))
    .orderBy('data_source', 'desc')
    .orderBy('sample_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await filtered()
    .select('id')
    .where((eb) => beyondInListOrder(eb, '>', source, sampleId))
    .orderBy('data_source')
    .orderBy('sample_id')
    .limit(1)
    .executeTakeFirst();
  const counts = await filtered()
    .select((eb) => [
      eb.fn.countAll<number | string | bigint>().as('total'),
      eb.fn
        .sum<number | string | bigint | null>(
          eb
            .case()
            .when(beyondInListOrder(eb, '<=', source, sampleId))
            .then(1)
            .else(0)
            .end(),
        )
        .as('position'),
    ])
    .executeTakeFirstOrThrow();
  const kept = await filtered().select('id').where('id', '=', id).executeTakeFirst();
  return {
    previous: previous?.id ?? null,
    next: next?.id ?? null,
    position: kept ? Number(counts.position ?? 0) : null,
    total: Number(counts.total),
  };
}

/** Samples matching the filters, ordered by data_source then sample id, a page at a time. */
export async function listSamples(
  db: Db,
  query: SampleListQuery,
): Promise<{
  items: { id: string; version: number; metadata: Metadata }[];
  nextCursor: string | null;
}> {
  let select = db
    .selectFrom('samples')
    .select(['id', 'version', 'content', 'data_source', 'sample_id'])
    .where((eb) => matchingFilters(eb, query));
  if (query.cursor) {
    const [source, sampleId] = decodeCursor(query.cursor, ['string', 'number']) as [string, number];
    select = select.where((eb) => beyondInListOrder(eb, '>', source, sampleId));
  }
  const rows = await select
    .orderBy('data_source')
    .orderBy('sample_id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      version: row.version,
      metadata: (JSON.parse(row.content) as BenchmarkSampleV002).metadata,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.data_source, last.sample_id]) : null,
  };
}

const IDENTITY_FIELDS = ['id', 'data_source', 'target_dx', 'dx_label', 'path_idx'] as const;

async function writeRevision(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  value: unknown,
  kind: 'fix' | 'resample' | 'regenerate',
  provenance: SampleProvenance | null = null,
): Promise<SampleWriteResponse> {
  const checked = checkSampleWrite(value);
  const { sample } = checked;
  return inTransaction(db, async (trx) => {
    const current = await getSample(trx, id);
    if (current.version !== baseVersion) {
      throw versionConflict('The sample', baseVersion, current.version, current);
    }
    const changed = IDENTITY_FIELDS.filter(
      (field) => current.sample.metadata[field] !== sample.metadata[field],
    );
    if (changed.length > 0) {
      throw new ServiceError(
        'invalid',
        `A ${KIND_NAME[kind]} keeps the sample's identity and place in the distribution.`,
        {
          issues: changed.map((field) => ({
            path: `body.sample.metadata.${field}`,
            message: `must stay ${JSON.stringify(current.sample.metadata[field])}`,
          })),
        },
      );
    }
    const sameEcg = current.sample.metadata.ecg_id === sample.metadata.ecg_id;
    if (kind !== 'resample' && !sameEcg) {
      throw new ServiceError(
        'invalid',
        `A ${KIND_NAME[kind]} keeps the ECG; use re-sample to move to another ECG.`,
        {
          issues: [
            {
              path: 'body.sample.metadata.ecg_id',
              message: `must stay ${JSON.stringify(current.sample.metadata.ecg_id)}`,
            },
          ],
        },
      );
    }
    if (kind === 'resample' && sameEcg) {
      throw new ServiceError('invalid', 'A re-sample is built on another ECG of the pool.', {
        issues: [{ path: 'body.sample.metadata.ecg_id', message: 'must name a different ECG' }],
      });
    }
    const rows = nextRevisionRows(
      id,
      { version: baseVersion, content: JSON.stringify(current.sample) },
      checked.stored,
      await findEcgRecordId(trx, sample.metadata),
      { actor, kind, now: nowIso(), provenance },
    );
    const updated = await trx
      .updateTable('samples')
      .set(rows.update)
      .where('id', '=', id)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const latest = await getSample(trx, id);
      throw versionConflict('The sample', baseVersion, latest.version, latest);
    }
    await trx.insertInto('sample_revisions').values(rows.revision).execute();
    await insertAuditRow(trx, rows.audit);
    return { ...(await getSample(trx, id)), warnings: checked.warnings };
  });
}

/**
 * A fix in place by a cardiologist or a curator (same ECG and identity), based on baseVersion:
 * checkSampleWrite, then a new revision; the response carries the rules' warnings.
 */
export function fixSample(db: Db, actor: Actor, id: string, baseVersion: number, value: unknown) {
  return writeRevision(db, actor, id, baseVersion, value, 'fix');
}

/**
 * A curator's re-sample: same identity and distribution cell, another ECG: checkSampleWrite, then
 * a new revision; the response carries the rules' warnings. With the provenance of a sample
 * generated from its template, the sample goes back to review.
 */
export function resampleSample(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  value: unknown,
  provenance: SampleProvenance | null = null,
) {
  return writeRevision(db, actor, id, baseVersion, value, 'resample', provenance);
}

/** A sample rebuilt from its template on its own ECG: a 'regenerate' revision; back to review. */
export function regenerateSample(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  value: unknown,
  provenance: SampleProvenance,
) {
  return writeRevision(db, actor, id, baseVersion, value, 'regenerate', provenance);
}

/** Every revision of a sample, oldest first; 404 if the sample is unknown. */
export async function listRevisions(db: Db, id: string): Promise<SampleRevision[]> {
  await getSample(db, id);
  const rows = await db
    .selectFrom('sample_revisions')
    .selectAll()
    .where('sample_pk', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    kind: row.kind as RevisionKind,
    authorId: row.author_id,
    createdAt: row.created_at,
    sample: JSON.parse(row.content) as BenchmarkSampleV002,
    provenance: row.provenance ? (JSON.parse(row.provenance) as SampleProvenance) : null,
  }));
}
