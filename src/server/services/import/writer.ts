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
import {
  moveCheckpointsOffThread,
  sqliteHandleOf,
  whileSqliteWriterIdle,
} from '../../storage/open-database';
import type { SqliteWorkerDatabase } from '../../storage/sqlite-worker-database';
import { openSqliteWorkerDatabase } from '../../storage/sqlite-worker-database';
import { EventLoopSlicer } from '../../io/event-loop-slices';
import type { Actor } from '../actor';
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

type Trx = Transaction<Database>;
type Table = 'ecg_records' | 'samples' | 'sample_revisions' | 'audit_log';

/** The columns each table's rows are inserted with, in insert order (parents before children). */
const TABLES: readonly { readonly table: Table; readonly columns: readonly string[] }[] = [
  { table: 'ecg_records', columns: ECG_COLUMNS },
  { table: 'samples', columns: SAMPLE_COLUMNS },
  { table: 'sample_revisions', columns: REVISION_COLUMNS },
  { table: 'audit_log', columns: AUDIT_COLUMNS },
];

/** Inserts rows of one table in the open transaction. */
type Inserter = (
  table: Table,
  columns: readonly string[],
  rows: readonly object[],
) => Promise<void>;

/** Multi-row inserts through Kysely, for PostgreSQL. */
function kyselyInserter(trx: Trx): Inserter {
  return async (table, _columns, rows) => {
    // Each table's rows are built with its own row type; Kysely cannot follow `table` here.
    await trx
      .insertInto(table)
      .values(rows as never)
      .execute();
  };
}

/**
 * One prepared statement per table run per row in the SQLite worker: Kysely's multi-row inserts
 * compile thousands of parameters per batch and cost twice the write itself.
 */
function workerInserter(worker: SqliteWorkerDatabase): Inserter {
  return async (table, columns, rows) => {
    const sql =
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
      `values (${columns.map(() => '?').join(', ')})`;
    await worker.runMany(
      sql,
      rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c])),
    );
  };
}

/** Rows waiting to be inserted in the open transaction, per table, written in table order. */
class RowBatches {
  private readonly pending = new Map<Table, object[]>(TABLES.map(({ table }) => [table, []]));
  private count = 0;

  constructor(
    private readonly insert: Inserter,
    private readonly slicer: EventLoopSlicer,
  ) {}

  /** Queues a row; writes the queued rows once there are BATCH_ROWS of them. */
  async add(table: Table, row: object): Promise<void> {
    this.pending.get(table)!.push(row);
    this.count += 1;
    if (this.count >= BATCH_ROWS) await this.flush();
    else await this.slicer.pause();
  }

  /** Writes every queued row, parents first. */
  async flush(): Promise<void> {
    for (const { table, columns } of TABLES) {
      const rows = this.pending.get(table)!;
      if (rows.length === 0) continue;
      this.pending.set(table, []);
      await this.insert(table, columns, rows);
      await this.slicer.pause();
    }
    this.count = 0;
  }
}

/** Runs last inside an import's transaction (given its report); throwing rolls it all back. */
export type CommitGuard = (trx: Trx, report: ImportReport) => Promise<void>;

/** The sample rows an import stored (ids of samples.id), once its transaction committed. */
export interface ImportWritten {
  readonly createdSampleIds: readonly string[];
  readonly replacedSampleIds: readonly string[];
}

/**
 * Writes an accepted import plan in ONE transaction: registers and refreshes the ECGs, inserts
 * the new samples and stores replaced ones as their next revision (each with its revision and
 * audit entry, built by the rows builder the samples service uses), records the import in the
 * audit log, then runs beforeCommit. A sample changed meanwhile, or stored by a concurrent
 * import, rolls it all back with a 409; so does a failing beforeCommit or any error.
 *
 * Rows are built and sent in slices with the event loop free between them, and other requests
 * are answered meanwhile. On PostgreSQL the transaction has a pooled connection of its own. On
 * SQLite, which is synchronous, it runs on a connection in a worker thread (COMMIT included),
 * while the server's own connection stays idle for writes (SQLite has one writer: they wait,
 * asynchronously) and reads go on from the reader connection (see sqlite-routed-dialect).
 */
export async function writeImportPlan(
  db: Db,
  plan: ImportPlan,
  actor: Actor | null,
  now: string,
  beforeCommit?: CommitGuard,
): Promise<ImportWritten> {
  try {
    const file = sqliteHandleOf(db)?.name;
    if (file === undefined) {
      return await db
        .transaction()
        .execute((trx) => writeRows(trx, kyselyInserter(trx), plan, actor, now, beforeCommit));
    }
    // The import's pages are copied into the file by the checkpoint worker, not on the event loop.
    moveCheckpointsOffThread(db);
    return await whileSqliteWriterIdle(db, async () => {
      const worker = openSqliteWorkerDatabase(file);
      try {
        return await worker.db
          .transaction()
          .execute((trx) => writeRows(trx, workerInserter(worker), plan, actor, now, beforeCommit));
      } finally {
        await worker.close();
      }
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

/** Writes the plan's rows in the open transaction trx, then runs beforeCommit. */
async function writeRows(
  trx: Trx,
  insert: Inserter,
  plan: ImportPlan,
  actor: Actor | null,
  now: string,
  beforeCommit: CommitGuard | undefined,
): Promise<ImportWritten> {
  const write = { actor, kind: 'import' as const, now };
  const ecgIdOf = (source: string, ecgId: string) => plan.ecgs.idByKey.get(keyOf(source, ecgId));
  const createdSampleIds: string[] = [];
  const replacedSampleIds: string[] = [];
  const batches = new RowBatches(insert, new EventLoopSlicer());
  for (const row of plan.ecgs.newEcgs) await batches.add('ecg_records', row);
  await batches.flush();
  for (const update of plan.ecgs.updates) {
    const set =
      update.metadata === null
        ? { path: update.path }
        : { path: update.path, metadata: update.metadata };
    await trx.updateTable('ecg_records').set(set).where('id', '=', update.id).execute();
  }
  for (const item of plan.samples.toCreate) {
    const rows = newSampleRows(
      item,
      ecgIdOf(item.metadata.data_source, item.metadata.ecg_id) ?? null,
      write,
    );
    createdSampleIds.push(rows.sample.id);
    await batches.add('samples', rows.sample);
    await batches.add('sample_revisions', rows.revision);
    await batches.add('audit_log', rows.audit);
  }
  await batches.flush();
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
    replacedSampleIds.push(current.id);
    await batches.add('sample_revisions', rows.revision);
    await batches.add('audit_log', rows.audit);
  }
  const { file, answerShape, counts, ecgs } = plan.report;
  await batches.add(
    'audit_log',
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
  await batches.flush();
  await beforeCommit?.(trx, plan.report);
  return { createdSampleIds, replacedSampleIds };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
