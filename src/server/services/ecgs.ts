import type { EcgSummary } from '../../schemas/api/ecgs';
import type { DataSource } from '../../schemas/benchmark-sample';
import type { Db, EcgRecordsTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import { decodeCursor, encodeCursor } from './cursor';
import { notFound } from './service-error';
import { inTransaction } from './transaction';

/** An ECG record to register: where it comes from and (if found) its path under RECORDS_DIR. */
export interface EcgRecordInput {
  readonly source: DataSource;
  readonly ecgId: string;
  readonly subjectId?: string | null;
  /** Record path relative to RECORDS_DIR without extension, null if the files were not found. */
  readonly path?: string | null;
  /** PTB-XL metadata row (ptbxl_database.csv) or other source metadata. */
  readonly metadata?: Record<string, unknown> | null;
}

/** The summary shape of a stored record. */
export function toEcgSummary(row: EcgRecordsTable): EcgSummary {
  return {
    id: row.id,
    source: row.source as DataSource,
    ecgId: row.ecg_id,
    subjectId: row.subject_id,
    recordAvailable: row.path !== null,
  };
}

/**
 * Registers (or updates the path and metadata of) an ECG record, and links the samples that
 * name it. Returns the stored row.
 */
export async function registerEcgRecord(db: Db, input: EcgRecordInput): Promise<EcgRecordsTable> {
  return inTransaction(db, async (trx) => {
    const values: EcgRecordsTable = {
      id: newId(),
      source: input.source,
      ecg_id: input.ecgId,
      subject_id: input.subjectId ?? null,
      path: input.path ?? null,
      metadata: input.metadata ? JSON.stringify(input.metadata) : null,
      created_at: nowIso(),
    };
    await trx
      .insertInto('ecg_records')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['source', 'ecg_id']).doUpdateSet({
          path: values.path,
          metadata: values.metadata,
          subject_id: values.subject_id,
        }),
      )
      .execute();
    const row = await trx
      .selectFrom('ecg_records')
      .selectAll()
      .where('source', '=', input.source)
      .where('ecg_id', '=', input.ecgId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('samples')
      .set({ ecg_record_id: row.id })
      .where('data_source', '=', input.source)
      .where('ecg_id', '=', input.ecgId)
      .execute();
    return row;
  });
}

/** The ECG record with this public id; 404 if none. */
export async function getEcgRecord(db: Db, id: string): Promise<EcgRecordsTable> {
  const row = await db
    .selectFrom('ecg_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('ECG');
  return row;
}

/** ECG records ordered by source then ecg_id, a page at a time. */
export async function listEcgRecords(
  db: Db,
  query: { source?: DataSource | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: EcgSummary[]; nextCursor: string | null }> {
  let select = db.selectFrom('ecg_records').selectAll();
  if (query.source) select = select.where('source', '=', query.source);
  if (query.cursor) {
    const [source, ecgId] = decodeCursor(query.cursor, ['string', 'string']) as [string, string];
    select = select.where((eb) =>
      eb.or([
        eb('source', '>', source),
        eb.and([eb('source', '=', source), eb('ecg_id', '>', ecgId)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('source')
    .orderBy('ecg_id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toEcgSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.source, last.ecg_id]) : null,
  };
}
