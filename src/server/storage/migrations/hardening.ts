import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * 0004-hardening: the sign-in throttle's counters on PostgreSQL, shared by every server process
 * (the table rate-limiter-flexible's PostgreSQL store reads: key, points, expiry in epoch ms).
 * SQLite is served by one process, which keeps its counters in memory.
 */
export function hardeningMigration(kind: DbKind): Migration {
  return {
    async up(db: AnyDb) {
      if (kind !== 'postgres') return;
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
  };
}
