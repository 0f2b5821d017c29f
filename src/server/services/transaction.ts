import type { Transaction } from 'kysely';
import type { Database, Db } from '../storage/database';
import { runWriteTransaction } from '../storage/group-commit';

/**
 * Runs fn as one write transaction (group-committed on SQLite), or inside the caller's
 * transaction if db already is one (idempotent writes, imports).
 */
export function inTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database> | Db) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  return runWriteTransaction(db, fn);
}
