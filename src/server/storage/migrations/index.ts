import type { Migration } from 'kysely';
import type { DbKind } from '../database';
import { curateUiMigration } from './curate-ui';
import { evaluationMigration } from './evaluation-schema';
import { hardeningMigration } from './hardening';
import { importJobsMigration } from './import-jobs';
import { initialMigration } from './initial-schema';
import { labelWorkbenchMigration } from './label-workbench';
import { preflagsMigration } from './preflags';
import { releasesMigration } from './releases-schema';
import { reviewPassesMigration } from './review-passes';
import { templatesMigration } from './templates';

/** Every migration in order; names sort in the order they apply. Add new ones at the end. */
export function allMigrations(kind: DbKind): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(kind),
    '0003-evaluation': evaluationMigration(),
    '0004-hardening': hardeningMigration(kind),
    '0006-releases': releasesMigration,
    '0007-review-passes': reviewPassesMigration(),
    '0008-preflags': preflagsMigration(),
    '0009-templates': templatesMigration,
    '0010-label-workbench': labelWorkbenchMigration,
    '0013-curate-ui': curateUiMigration,
    '0014-import-jobs': importJobsMigration,
  };
}
