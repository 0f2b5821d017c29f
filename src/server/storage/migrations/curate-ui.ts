import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A flag closes with the action taken and, for a dismissal, the curator's reason:
 * flags.resolution_note (null for flags closed before, and for fixes and re-samples).
 */
export const curateUiMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('flags').addColumn('resolution_note', 'text').execute();
  },
};
