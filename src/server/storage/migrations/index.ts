import type { Migration } from 'kysely';
import type { DbKind } from '../database';
import { evaluationMigration } from './evaluation-schema';
import { initialMigration } from './initial-schema';

/** Every migration in order; names sort in the order they apply. Add new ones at the end. */
export function allMigrations(kind: DbKind): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(kind),
    '0003-evaluation': evaluationMigration(),
  };
}
