/** What the curator commands (resample, regenerate) share: the acting curator, seeds, sample refs. */
import type { Actor } from '../../server/services/actor';
import { findUserByUsername } from '../../server/services/users';
import type { Db } from '../../server/storage/database';
import type { DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Role } from '../../schemas/api/common';

/** Parses "ptbxl:123" into its source and benchmark id; a string says why it cannot. */
export function parseSampleRef(text: string): { source: DataSource; id: number } | string {
  const match = /^([a-z_]+):(\d{1,9})$/.exec(text);
  if (!match) return `--sample must be <source>:<id>, e.g. ptbxl:123, not "${text}"`;
  const source = match[1]!;
  if (!(DATA_SOURCES as readonly string[]).includes(source)) {
    return `--sample: unknown data source "${source}"; expected ${DATA_SOURCES.join(' or ')}`;
  }
  return { source: source as DataSource, id: Number(match[2]) };
}

/** Parses --seed: a whole number from 0 to 2^32 - 1; a string says why it cannot. */
export function parseSeed(text: string | undefined): number | undefined | string {
  if (text === undefined) return undefined;
  const seed = Number(text);
  return Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff && /^\d+$/.test(text)
    ? seed
    : `--seed must be a whole number from 0 to 4294967295, not "${text}"`;
}

const CURATING_ROLES: readonly Role[] = ['curator', 'admin'];

/** The active curator or admin named by --as, or why it cannot act. */
export async function curatorNamed(db: Db, username: string): Promise<Actor | string> {
  const user = await findUserByUsername(db, username);
  if (!user) return `no account named "${username}"`;
  if (user.disabled) return `the account "${username}" is disabled`;
  if (!CURATING_ROLES.includes(user.role as Role)) {
    return `"${username}" is a ${user.role}; re-sampling and regeneration need a curator or admin`;
  }
  return { id: user.id, username: user.username, role: user.role as Role };
}
