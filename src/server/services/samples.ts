import type {
  SampleListQuery,
  SampleNeighbours,
  SampleResponse,
  SampleRevision,
} from '../../schemas/api/samples';
import type { BenchmarkSampleV002, DataSource, Metadata } from '../../schemas/benchmark-sample';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db, SamplesTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { decodeCursor, encodeCursor } from './cursor';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';

/** How a revision came about. */
export type RevisionKind = 'import' | 'fix' | 'resample';

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

/** The sample row columns derived from a sample's metadata. */
export function metadataColumns(metadata: Metadata) {
  return {
    data_source: metadata.data_source,
    sample_id: metadata.id,
    target_dx: metadata.target_dx,
    dx_label: metadata.dx_label ? 1 : 0,
    path_idx: metadata.path_idx,
    ecg_id: metadata.ecg_id,
    subject_id: metadata.subject_id ?? null,
  };
}

async function findEcgRecordId(db: Db, metadata: Metadata): Promise<string | null> {
  const row = await db
    .selectFrom('ecg_records')
    .select('id')
    .where('source', '=', metadata.data_source)
    .where('ecg_id', '=', metadata.ecg_id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Stores a new sample (revision 1) with its audit entry; 409 if (data_source, id) exists.
 * The importer calls this inside its own transaction to land a whole file or nothing.
 */
export async function createSample(
  db: Db,
  actor: Actor | null,
  sample: BenchmarkSampleV002,
  kind: RevisionKind = 'import',
): Promise<SampleResponse> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const id = newId();
    const content = JSON.stringify(sample);
    const inserted = await trx
      .insertInto('samples')
      .values({
        id,
        ...metadataColumns(sample.metadata),
        ecg_record_id: await findEcgRecordId(trx, sample.metadata),
        content,
        status: 'active',
        replaced_by: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['data_source', 'sample_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      throw new ServiceError(
        'conflict',
        `A ${sample.metadata.data_source} sample with id ${sample.metadata.id} already exists.`,
        { code: 'sample_exists' },
      );
    }
    await trx
      .insertInto('sample_revisions')
      .values({
        id: newId(),
        sample_pk: id,
        version: 1,
        content,
        kind,
        author_id: actor?.id ?? null,
        created_at: now,
      })
      .execute();
    const created = await getSample(trx, id);
    await writeAudit(trx, actor, {
      entity: 'sample',
      entityId: id,
      action: kind === 'import' ? 'import' : 'create',
      before: null,
      after: created.sample,
      baseVersion: null,
    });
    return created;
  });
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

/**
 * Where a sample sits in the list order (data_source, then sample id): the ids before and after
 * it and its 1-based position, so the sample view can step without loading the whole list.
 */
export async function getSampleNeighbours(db: Db, id: string): Promise<SampleNeighbours> {
  const here = await db
    .selectFrom('samples')
    .select(['data_source', 'sample_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!here) throw notFound('Sample');
  const { data_source: source, sample_id: sampleId } = here;
  const previous = await db
    .selectFrom('samples')
    .select('id')
    .where((eb) => beyondInListOrder(eb, '<', source, sampleId))
    .orderBy('data_source', 'desc')
    .orderBy('sample_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await db
    .selectFrom('samples')
    .select('id')
    .where((eb) => beyondInListOrder(eb, '>', source, sampleId))
    .orderBy('data_source')
    .orderBy('sample_id')
    .limit(1)
    .executeTakeFirst();
  const counts = await db
    .selectFrom('samples')
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
  return {
    previous: previous?.id ?? null,
    next: next?.id ?? null,
    position: Number(counts.position ?? 0),
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
    .select(['id', 'version', 'content', 'data_source', 'sample_id']);
  if (query.data_source) select = select.where('data_source', '=', query.data_source);
  if (query.target_dx) select = select.where('target_dx', '=', query.target_dx);
  if (query.dx_label !== undefined) select = select.where('dx_label', '=', query.dx_label ? 1 : 0);
  if (query.ecg) select = select.where('ecg_record_id', '=', query.ecg);
  if (query.preflag === 'flagged' || query.preflag === 'clean' || query.preflag_rule) {
    const wanted = query.preflag === 'clean' ? 'clean' : 'flagged';
    const rule = query.preflag_rule;
    select = select.where((eb) => {
      let preflags = eb
        .selectFrom('sample_preflags')
        .select('sample_preflags.sample_pk')
        .whereRef('sample_preflags.sample_pk', '=', 'samples.id');
      if (rule) preflags = preflags.where('sample_preflags.rule', '=', rule);
      return wanted === 'flagged' ? eb.exists(preflags) : eb.not(eb.exists(preflags));
    });
  }
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
  sample: BenchmarkSampleV002,
  kind: 'fix' | 'resample',
): Promise<SampleResponse> {
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
        `A ${kind === 'fix' ? 'fix in place' : 're-sample'} keeps the sample's identity and place in the distribution.`,
        {
          issues: changed.map((field) => ({
            path: `body.sample.metadata.${field}`,
            message: `must stay ${JSON.stringify(current.sample.metadata[field])}`,
          })),
        },
      );
    }
    const sameEcg = current.sample.metadata.ecg_id === sample.metadata.ecg_id;
    if (kind === 'fix' && !sameEcg) {
      throw new ServiceError(
        'invalid',
        'A fix in place keeps the ECG; use re-sample to move to another ECG.',
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
    const now = nowIso();
    const content = JSON.stringify(sample);
    const updated = await trx
      .updateTable('samples')
      .set({
        ...metadataColumns(sample.metadata),
        ecg_record_id: await findEcgRecordId(trx, sample.metadata),
        content,
        version: baseVersion + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const latest = await getSample(trx, id);
      throw versionConflict('The sample', baseVersion, latest.version, latest);
    }
    await trx
      .insertInto('sample_revisions')
      .values({
        id: newId(),
        sample_pk: id,
        version: baseVersion + 1,
        content,
        kind,
        author_id: actor.id,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, actor, {
      entity: 'sample',
      entityId: id,
      action: kind,
      before: current.sample,
      after: sample,
      baseVersion,
    });
    return getSample(trx, id);
  });
}

/** A curator's fix in place (same ECG and identity), based on baseVersion; stores a revision. */
export function fixSample(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  sample: BenchmarkSampleV002,
) {
  return writeRevision(db, actor, id, baseVersion, sample, 'fix');
}

/** A curator's re-sample: same identity and distribution cell, another ECG; stores a revision. */
export function resampleSample(
  db: Db,
  actor: Actor,
  id: string,
  baseVersion: number,
  sample: BenchmarkSampleV002,
) {
  return writeRevision(db, actor, id, baseVersion, sample, 'resample');
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
  }));
}
