import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The label workbench: label_checks holds each labeller's failing checks per ECG, open or
 * dismissed (who, when, why). A dismissal holds for the fingerprint (the label and measured
 * values) it was made for; a later failure with other values reopens it. Indexes serve the
 * worklist's per-ECG counts.
 */
export const labelWorkbenchMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('label_checks')
      .addColumn('ecg_record_id', 'text', (c) => c.notNull().references('ecg_records.id'))
      .addColumn('labeller_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('axis', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('dismissed_by', 'text', (c) => c.references('users.id'))
      .addColumn('dismissed_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('label_checks_pk', ['labeller_id', 'ecg_record_id', 'check_id'])
      .execute();
    await db.schema
      .createIndex('dense_labels_labeller')
      .on('dense_labels')
      .columns(['labeller_id', 'ecg_record_id'])
      .execute();
  },
};
