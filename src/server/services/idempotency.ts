import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbKind } from '../storage/database';
import { nowIso } from '../storage/ids';

/** A stored write response, replayed when the same key is sent again. */
export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

/** The fingerprint of a request: a retry must send the same method, path and body. */
export function requestFingerprint(method: string, path: string, bodyText: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${bodyText}`).digest('hex');
}

/** The stored response for (user, key), if any. */
export async function findStoredResponse(
  db: Db,
  userId: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      requestHash: row.request_hash,
      status: row.status,
      body: JSON.parse(row.response) as unknown,
    }
  );
}

/** Stores a response in the write's own transaction; false if the key was taken meanwhile. */
export async function storeResponse(
  trx: Db,
  entry: {
    userId: string;
    key: string;
    method: string;
    path: string;
    requestHash: string;
    status: number;
    body: unknown;
  },
): Promise<boolean> {
  const result = await trx
    .insertInto('idempotency_keys')
    .values({
      user_id: entry.userId,
      key: entry.key,
      method: entry.method,
      path: entry.path,
      request_hash: entry.requestHash,
      status: entry.status,
      response: JSON.stringify(entry.body),
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Holds (user, key) for the rest of the write transaction on PostgreSQL, so a retry in another
 * server process waits for the first request to commit and then finds its stored response.
 * SQLite needs none: one process serves it, and KeyedQueue orders a key's requests there.
 */
export async function lockIdempotencyKey(
  trx: Db,
  kind: DbKind,
  userId: string,
  key: string,
): Promise<void> {
  if (kind !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`idempotency\n${userId}\n${key}`}, 0))`.execute(
    trx,
  );
}
