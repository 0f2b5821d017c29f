import type { Migration } from 'kysely';
import type { DbKind } from '../database';
import { initialMigration } from './initial-schema';
import { preflagsMigration } from './preflags';
import { reviewPassesMigration } from './review-passes';

/** Every migration in order; names sort in the order they apply. Add new ones at the end. */
export function allMigrations(kind: DbKind): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(kind),
    '0007-review-passes': reviewPassesMigration(),
    '0008-preflags': preflagsMigration(),
  };
}
