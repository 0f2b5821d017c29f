import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const BATCH_ROWS = 500;

/** The samples a pre-0007 pass filter selected, in list order (data_source, sample id). */
async function legacyPassSamples(db: AnyDb, filterText: string): Promise<string[]> {
  let filter: Record<string, unknown> = {};
  try {
    filter = JSON.parse(filterText) as Record<string, unknown>;
  } catch {
    // An unreadable filter selected nothing the service could read either: keep all samples.
  }
  let select = db.selectFrom('samples').select('id');
  if (typeof filter['dataSource'] === 'string')
    select = select.where('data_source', '=', filter['dataSource']);
  if (typeof filter['targetDx'] === 'string')
    select = select.where('target_dx', '=', filter['targetDx']);
  if (typeof filter['dxLabel'] === 'boolean')
    select = select.where('dx_label', '=', filter['dxLabel'] ? 1 : 0);
  const rows = await select.orderBy('data_source').orderBy('sample_id').execute();
  return rows.map((row) => String(row.id));
}

/**
 * Review passes with explicit items: the samples of a pass, the (pass, sample, reviewer)
 * assignments, the pass's mode and closing, verdict reason lists, and an empty table the
 * automatic pre-flags fill. Passes made before keep their samples (their filter, as it selects
 * now) and stay open to every reviewer; single reasons become one-element lists.
 */
export function reviewPassesMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('review_passes')
        .addColumn('mode', 'text', (c) => c.notNull().defaultTo('single'))
        .execute();
      await db.schema
        .alterTable('review_passes')
        .addColumn('selection', 'text', (c) => c.notNull().defaultTo('filter'))
        .execute();
      await db.schema.alterTable('review_passes').addColumn('closed_at', 'text').execute();
      await db.schema
        .alterTable('review_passes')
        .addColumn('closed_by', 'text', (c) => c.references('users.id'))
        .execute();

      for (const table of ['review_verdicts', 'flags']) {
        await db.schema.alterTable(table).addColumn('reasons', 'text').execute();
        await db
          .updateTable(table)
          .set({
            reasons: sql`case when reason is null then '[]' else '["' || reason || '"]' end`,
          })
          .execute();
      }

      await db.schema
        .createTable('review_pass_samples')
        .addColumn('pass_id', 'text', (c) => c.notNull().references('review_passes.id'))
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_pass_samples_pk', ['pass_id', 'sample_pk'])
        .execute();
      await db.schema
        .createIndex('review_pass_samples_order')
        .on('review_pass_samples')
        .columns(['pass_id', 'position'])
        .execute();

      await db.schema
        .createTable('review_assignments')
        .addColumn('pass_id', 'text', (c) => c.notNull().references('review_passes.id'))
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_assignments_pk', ['pass_id', 'sample_pk', 'reviewer_id'])
        .execute();
      await db.schema
        .createIndex('review_assignments_reviewer')
        .on('review_assignments')
        .columns(['pass_id', 'reviewer_id'])
        .execute();

      await db.schema
        .createTable('sample_preflags')
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('numbers', 'text', (c) => c.notNull())
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sample_preflags_sample')
        .on('sample_preflags')
        .column('sample_pk')
        .execute();

      const passes = await db.selectFrom('review_passes').select(['id', 'filter']).execute();
      for (const pass of passes) {
        const sampleIds = await legacyPassSamples(db, String(pass.filter));
        for (let start = 0; start < sampleIds.length; start += BATCH_ROWS) {
          await db
            .insertInto('review_pass_samples')
            .values(
              sampleIds.slice(start, start + BATCH_ROWS).map((sampleId, offset) => ({
                pass_id: pass.id,
                sample_pk: sampleId,
                position: start + offset,
              })),
            )
            .execute();
        }
      }
    },
  };
}
