import type { Role } from '../../schemas/api/common';
import type { CreateUserRequest, User } from '../../schemas/api/users';
import { hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/session-store';
import type { Db, UsersTable } from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { ServiceError, notFound, versionConflict } from './service-error';
import { inTransaction } from './transaction';

function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role as Role,
    disabled: row.disabled !== 0,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every account, by username. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

/** The account with this username, or undefined. */
export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Whether any account exists (first start creates the admin when none does). */
export async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Creates an account (the password is hashed before the transaction opens). 409 if taken. */
export async function createUser(
  db: Db,
  actor: Actor | null,
  input: CreateUserRequest,
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return insertUser(db, actor, { username: input.username, role: input.role, passwordHash });
}

/** Stores an account with an already computed password hash (see hashPassword). */
export async function insertUser(
  db: Db,
  actor: Actor | null,
  input: { username: string; role: Role; passwordHash: string },
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const row: UsersTable = {
      id: newId(),
      username: input.username,
      role: input.role,
      password_hash: input.passwordHash,
      disabled: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    const inserted = await trx
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      throw new ServiceError('conflict', `The username "${input.username}" is taken.`, {
        code: 'username_taken',
      });
    }
    const user = toUser(row);
    await writeAudit(trx, actor, {
      entity: 'user',
      entityId: row.id,
      action: 'create',
      before: null,
      after: user,
      baseVersion: null,
    });
    return user;
  });
}

/** Disables an account and ends its sessions (If-Match on the user's version). */
export async function disableUser(
  db: Db,
  actor: Actor | null,
  userId: string,
  baseVersion: number | null,
): Promise<User> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) throw notFound('User');
    const before = toUser(row);
    if (baseVersion !== null && baseVersion !== row.version) {
      throw versionConflict('The user', baseVersion, row.version, before);
    }
    if (actor && actor.id === userId) {
      throw new ServiceError('conflict', 'You cannot disable your own account.', {
        code: 'self_disable',
      });
    }
    const updated = await trx
      .updateTable('users')
      .set({ disabled: 1, version: row.version + 1, updated_at: nowIso() })
      .where('id', '=', userId)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const now = await trx
        .selectFrom('users')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      throw versionConflict('The user', row.version, now.version, toUser(now));
    }
    await deleteUserSessions(trx, userId);
    const after = toUser(updated);
    await writeAudit(trx, actor, {
      entity: 'user',
      entityId: userId,
      action: 'disable',
      before,
      after,
      baseVersion: row.version,
    });
    return after;
  });
}
