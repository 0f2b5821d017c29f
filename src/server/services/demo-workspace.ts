import type { Role } from '../../schemas/api/common';
import { ROLES } from '../../schemas/api/common';
import type { Db } from '../storage/database';
import { seedDemoWorkspaceData } from './demo-workspace-data';
import { createUser, findUserByUsername } from './users';

/** Where the demo workspace may write and how it reports what it made. */
export interface DemoWorkspaceOptions {
  /** DATA_DIR: the demo writes its synthetic WFDB records under it (never under RECORDS_DIR). */
  readonly dataDir: string;
  readonly recordsDir: string | undefined;
  /** Prints one line for the person starting the server. */
  readonly log: (line: string) => void;
}

/** One demo login per role: username = role, password printed at start. */
export const DEMO_LOGINS: ReadonlyArray<{ username: string; role: Role; password: string }> =
  ROLES.map((role) => ({ username: role, role, password: `${role}-demo` }));

/** Creates the demo users (once) and prints their logins. */
export async function seedDemoUsers(db: Db, log: (line: string) => void): Promise<void> {
  // Hashed in parallel: scrypt runs on the libuv thread pool.
  await Promise.all(
    DEMO_LOGINS.map(async (login) => {
      if (!(await findUserByUsername(db, login.username))) await createUser(db, null, login);
    }),
  );
  log('Demo logins (demo mode only; do not expose this server):');
  for (const login of DEMO_LOGINS) {
    log(
      `  ${login.role.padEnd(13)} username ${login.username.padEnd(13)} password ${login.password}`,
    );
  }
}

/**
 * Seeds the demo workspace on an empty database: one user per role (printed), then the
 * synthetic ECGs and benchmark samples. Safe to call on every demo start.
 */
export async function seedDemoWorkspace(db: Db, options: DemoWorkspaceOptions): Promise<void> {
  await seedDemoUsers(db, options.log);
  await seedDemoWorkspaceData(db, options);
}
