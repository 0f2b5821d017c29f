import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database';
import { createUser, hasUsers } from './users';

/** The first admin's username. */
export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On a database with no accounts, creates the admin with a random one-time password and prints
 * it once (it is never stored in clear). Returns the password, or undefined if users exist.
 */
export async function ensureFirstAdmin(
  db: Db,
  log: (line: string) => void,
): Promise<string | undefined> {
  if (await hasUsers(db)) return undefined;
  const password = randomBytes(18).toString('base64url');
  await createUser(db, null, { username: FIRST_ADMIN_USERNAME, role: 'admin', password });
  log('First start: created the admin account. This password is shown once; store it now:');
  log(`  username ${FIRST_ADMIN_USERNAME}  password ${password}`);
  log('Then add users with `ecg-workbench user add <name> --role <role>` or in the app.');
  return password;
}
