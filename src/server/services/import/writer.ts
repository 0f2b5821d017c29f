import type { Database as SqliteHandle } from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { ImportReport } from '../../../schemas/api/transfer';
import type {
  AuditLogTable,
  Database,
  Db,
  EcgRecordsTable,
  SampleRevisionsTable,
  SamplesTable,
} from '../../storage/database';
import { newId } from '../../storage/ids';
import { sqliteHandleOf } from '../../storage/open-database';
import type { Actor } from '../actor';
import type { AuditInsert } from '../audit';
import { auditRow } from '../audit';
import { newSampleRows, nextRevisionRows } from '../sample-rows';
import { ServiceError } from '../service-error';
import type { EcgPlan, SamplePlan } from './plan';
import { keyOf } from './plan';

/** Rows per multi-row INSERT (well under SQLite's and PostgreSQL's parameter limits). */
const BATCH_ROWS = 400;

/** An accepted import: what to write, and the report it is recorded with. */
export interface ImportPlan {
  readonly samples: SamplePlan;
  readonly ecgs: EcgPlan;
  /** The report as it will read once written (recorded in the import's audit entry). */
  readonly report: ImportReport;
}

/** The columns an import writes, per table, in a fixed order (audit_log's seq is generated). */
const ECG_COLUMNS = [
  'id',
  'source',
  'ecg_id',
  'subject_id',
  'path',
  'metadata',
  'created_at',
] as const satisfies readonly (keyof EcgRecordsTable)[];
const SAMPLE_COLUMNS = [
  'id',
  'data_source',
  'sample_id',
  'target_dx',
  'dx_label',
  'path_idx',
  'ecg_id',
  'subject_id',
  'ecg_record_id',
  'content',
  'status',
  'replaced_by',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof SamplesTable)[];
const REVISION_COLUMNS = [
  'id',
  'sample_pk',
  'version',
  'content',
  'kind',
  'author_id',
  'created_at',
] as const satisfies readonly (keyof SampleRevisionsTable)[];
const AUDIT_COLUMNS = [
  'actor_id',
  'actor_role',
  'entity',
  'entity_id',
  'action',
  'before',
  'after',
  'base_version',
  'at',
] as const satisfies readonly (keyof AuditLogTable)[];

/**
 * Inserts rows on SQLite through one prepared statement run per row (the raw handle shares the
 * connection, so the rows land in the caller's open transaction); Kysely's multi-row inserts
 * compile thousands of parameters per batch and cost twice the write itself.
 */
function insertPrepared<R>(
  sqlite: SqliteHandle,
  table: string,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
): void {
  if (rows.length === 0) return;
  const statement = sqlite.prepare(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
      `values (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) statement.run(columns.map((c) => row[c]));
}

type Trx = Transaction<Database>;
type Table = 'ecg_records' | 'samples' | 'sample_revisions' | 'audit_log';

/** Inserts rows in the open transaction: prepared statements on SQLite, batches on PostgreSQL. */
function rowInserter(db: Db, trx: Trx) {
  const sqlite = sqliteHandleOf(db);
  return async <R extends object>(
    table: Table,
    columns: readonly (keyof R & string)[],
    rows: readonly R[],
  ): Promise<void> => {
    if (sqlite) {
      insertPrepared(sqlite, table, columns, rows);
      return;
    }
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const batch = rows.slice(start, start + BATCH_ROWS);
      // Each table's rows are built with its own row type; Kysely cannot follow `table` here.
      await trx
        .insertInto(table)
        .values(batch as never)
        .execute();
    }
  };
}

/**
 * Writes an accepted import plan in ONE transaction: registers and refreshes the ECGs, inserts
 * the new samples and stores replaced ones as their next revision (each with its revision and
 * audit entry, built by the rows builder the samples service uses), and records the import in
 * the audit log. A sample changed meanwhile, or stored by a concurrent import, rolls it all back
 * with a 409.
 */
export async function writeImportPlan(
  db: Db,
  plan: ImportPlan,
  actor: Actor | null,
  now: string,
): Promise<void> {
  const write = { actor, kind: 'import' as const, now };
  const ecgIdOf = (source: string, ecgId: string) => plan.ecgs.idByKey.get(keyOf(source, ecgId));
  try {
    await db.transaction().execute(async (trx) => {
      const insert = rowInserter(db, trx);
      await insert('ecg_records', ECG_COLUMNS, plan.ecgs.newEcgs);
      for (const update of plan.ecgs.updates) {
        const set =
          update.metadata === null
            ? { path: update.path }
            : { path: update.path, metadata: update.metadata };
        await trx.updateTable('ecg_records').set(set).where('id', '=', update.id).execute();
      }
      const sampleRows: SamplesTable[] = [];
      const revisionRows: SampleRevisionsTable[] = [];
      const auditRows: AuditInsert[] = [];
      for (const item of plan.samples.toCreate) {
        const rows = newSampleRows(
          item,
          ecgIdOf(item.metadata.data_source, item.metadata.ecg_id) ?? null,
          write,
        );
        sampleRows.push(rows.sample);
        revisionRows.push(rows.revision);
        auditRows.push(rows.audit);
      }
      await insert('samples', SAMPLE_COLUMNS, sampleRows);
      for (const { item, current } of plan.samples.toReplace) {
        const m = item.metadata;
        const rows = nextRevisionRows(
          current.id,
          current,
          item,
          ecgIdOf(m.data_source, m.ecg_id) ?? null,
          write,
        );
        const updated = await trx
          .updateTable('samples')
          .set(rows.update)
          .where('id', '=', current.id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          throw new ServiceError(
            'conflict',
            `The ${m.data_source} sample ${m.id} changed while the import ran; run the import again.`,
            { code: 'import_conflict' },
          );
        }
        revisionRows.push(rows.revision);
        auditRows.push(rows.audit);
      }
      await insert('sample_revisions', REVISION_COLUMNS, revisionRows);
      const { file, answerShape, counts, ecgs } = plan.report;
      auditRows.push(
        auditRow(
          actor,
          {
            entity: 'import',
            entityId: newId(),
            action: 'import',
            before: null,
            after: JSON.stringify({ file, answerShape, counts, ecgs }),
            baseVersion: null,
          },
          now,
        ),
      );
      await insert('audit_log', AUDIT_COLUMNS, auditRows);
    });
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    if (isUniqueViolation(error)) {
      throw new ServiceError(
        'conflict',
        'Another import or edit stored some of these samples meanwhile; nothing was imported. Run the import again.',
        { code: 'import_conflict' },
      );
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
