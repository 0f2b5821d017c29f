import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database, Db, DbKind } from './database';
import { sqliteHandleOf } from './open-database';

/** One read transaction on a connection of its own; close() ends it (always call it). */
export interface ReadSnapshot {
  /** Queries through this handle all see the data as it was when the snapshot's first ran. */
  readonly db: Db;
  close(): Promise<void>;
}

/**
 * Opens a read snapshot for a long read (an export streamed to a slow client) that must neither
 * see half of a concurrent write nor hold up writes: on PostgreSQL a read-only repeatable-read
 * transaction on one pooled connection; on SQLite a second, read-only connection to the same
 * file in its own transaction (WAL lets it read while the server's connection writes).
 */
export async function openReadSnapshot(db: Db, kind: DbKind): Promise<ReadSnapshot> {
  if (kind === 'postgres') {
    const trx = await db
      .startTransaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute();
    return { db: trx, close: () => trx.commit().execute() };
  }
  const file = sqliteHandleOf(db)?.name;
  if (file === undefined)
    throw new Error('This SQLite database has no file to read a snapshot of.');
  const reader = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new BetterSqlite3(file, { readonly: true }) }),
  });
  const trx = await reader.startTransaction().execute();
  return {
    db: trx,
    async close() {
      try {
        await trx.commit().execute();
      } finally {
        await reader.destroy();
      }
    },
  };
}
