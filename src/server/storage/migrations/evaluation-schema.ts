import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Evaluation: model answer runs (one per model and protocol) with each matched sample's replies
 * and score, and dense-label predictors with their predictions per ECG.
 */
export function evaluationMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('model_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('model_runs_model_mode', ['model', 'mode'])
        .execute();

      await db.schema
        .createTable('model_answers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) =>
          c.notNull().references('model_runs.id').onDelete('cascade'),
        )
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('sample_id', 'integer', (c) => c.notNull())
        .addColumn('target_dx', 'text', (c) => c.notNull())
        .addColumn('sample_version', 'integer', (c) => c.notNull())
        .addColumn('replies', 'text', (c) => c.notNull())
        .addColumn('score', 'text', (c) => c.notNull())
        .addUniqueConstraint('model_answers_run_sample', ['run_id', 'sample_pk'])
        .execute();
      await db.schema
        .createIndex('model_answers_sample')
        .on('model_answers')
        .column('sample_pk')
        .execute();

      await db.schema
        .createTable('label_predictors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('label_predictions')
        .addColumn('predictor_id', 'text', (c) =>
          c.notNull().references('label_predictors.id').onDelete('cascade'),
        )
        .addColumn('ecg_record_id', 'text', (c) => c.notNull().references('ecg_records.id'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('label_predictions_pk', ['predictor_id', 'ecg_record_id'])
        .execute();
    },
  };
}
