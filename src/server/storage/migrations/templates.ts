import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Generated revisions record what they were built from: sample_revisions.provenance holds the
 * template, ECG, seed and engine version of a re-sample or regeneration (JSON text; null for
 * imports and hand edits).
 */
export const templatesMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('sample_revisions').addColumn('provenance', 'text').execute();
  },
};
