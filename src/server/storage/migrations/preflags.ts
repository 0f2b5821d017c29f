import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Automatic pre-flags: where each stored pre-flag points (step, part, grounding question,
 * option) and the sample version it was computed on; one check row per sample (checked clean,
 * or why not checked, with the engine version, so stale results can be found); and the runs
 * (on import or on demand) with their progress, readable from any server process.
 */
export function preflagsMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sample_preflags').addColumn('step_idx', 'integer').execute();
      await db.schema.alterTable('sample_preflags').addColumn('part', 'text').execute();
      await db.schema.alterTable('sample_preflags').addColumn('question_idx', 'integer').execute();
      await db.schema.alterTable('sample_preflags').addColumn('option_idx', 'integer').execute();
      await db.schema
        .alterTable('sample_preflags')
        .addColumn('sample_version', 'integer')
        .execute();

      await db.schema
        .createTable('sample_preflag_checks')
        .addColumn('sample_pk', 'text', (c) => c.primaryKey().references('samples.id'))
        .addColumn('sample_version', 'integer', (c) => c.notNull())
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('flag_count', 'integer', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('preflag_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.references('users.id'))
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addColumn('flagged', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('workers', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('preflag_runs_created')
        .on('preflag_runs')
        .column('created_at')
        .execute();
    },
  };
}
