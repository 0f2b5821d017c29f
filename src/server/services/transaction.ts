import type { Transaction } from 'kysely';
import type { Database, Db } from '../storage/database';

/** Runs fn in a transaction, or inside the caller's if db already is one (idempotent writes). */
export function inTransaction<T>(
  db: Db,
  fn: (trx: Transaction<Database> | Db) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
