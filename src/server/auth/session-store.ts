import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../schemas/api/session';
import type { Role } from '../../schemas/api/common';
import type { Db } from '../storage/database';
import { compileOnce } from '../storage/compiled-query';
import { nowIso } from '../storage/ids';

/** How long a session lasts after login (12 hours). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** The session cookie's name. */
export const SESSION_COOKIE = 'ecgwb_session';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for userId; returns the cookie value (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      created_at: nowIso(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

// Every request resolves its session: compiled once, not per request.
const sessionUserQuery = compileOnce(['idHash'], (db: Db, { idHash }: { idHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.role', 'users.disabled', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash),
);

/** The user a cookie value belongs to, or null (unknown, expired, or account disabled). */
export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  const row = await sessionUserQuery.takeFirst(db, { idHash: hashToken(token) });
  if (!row || row.disabled !== 0 || row.expires_at <= nowIso()) return null;
  return { id: row.id, username: row.username, role: row.role as Role };
}

/** Ends the session a cookie value names (no error if it is already gone). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user (on disable). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Removes expired sessions (called now and then at login). */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
}
