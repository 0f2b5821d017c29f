/**
 * Direct access to the e2e server's database, for what no route writes (the automatic pre-flags'
 * rows, which the pre-flag engine stores). The server keeps running: SQLite in WAL mode takes a
 * second connection, PostgreSQL (E2E_DATABASE_URL) another client.
 */
import { openDatabase } from '../../src/server/storage/open-database';
import type { Db } from '../../src/server/storage/database';
import { E2E_DATA_DIR } from './base-url';

/** Runs `work` on the e2e server's database and closes the connection. */
export async function withE2eDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  if (process.env['E2E_BASE_URL'])
    throw new Error('E2E_BASE_URL points at a server whose database this test cannot reach');
  const storage = openDatabase({
    dataDir: E2E_DATA_DIR,
    databaseUrl: process.env['E2E_DATABASE_URL'] || undefined,
  });
  try {
    return await work(storage.db);
  } finally {
    await storage.close();
  }
}
