import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * 0014-import-jobs: import jobs and their progress in the database, so every server process
 * behind a load balancer answers for every job (announce, upload and progress may each reach
 * another process); a running job's process renews its lease (heartbeat_at), so a job whose
 * process died is seen as failed by the others.
 */
export const importJobsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('import_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('replace', 'integer', (c) => c.notNull())
      .addColumn('dry_run', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('phase', 'text')
      .addColumn('bytes_received', 'integer', (c) => c.notNull())
      .addColumn('total_bytes', 'integer')
      .addColumn('entries_read', 'integer', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      .addColumn('warnings', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('report', 'text')
      .addColumn('error', 'text')
      // Set while running: which run holds the job, and when it last said it is alive.
      .addColumn('runner', 'text')
      .addColumn('heartbeat_at', 'text')
      .execute();
    await db.schema
      .createIndex('import_jobs_status')
      .on('import_jobs')
      .columns(['status', 'created_at'])
      .execute();
  },
};
