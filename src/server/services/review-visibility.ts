/**
 * The review-work reading rule (domain/review/visibility.ts) as SQL conditions, so lists, counts
 * and the audit log filter in the query instead of after it: verdicts, flags and their audit
 * entries a viewer may not read never leave the database.
 */
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { ReviewWorkViewer } from '../../domain/review/visibility';
import { reviewWorkScope } from '../../domain/review/visibility';
import type { Database } from '../storage/database';

/** Condition on review_verdicts rows: the viewer may read this verdict. */
export function verdictVisibleTo(
  viewer: ReviewWorkViewer,
): ((eb: ExpressionBuilder<Database, 'review_verdicts'>) => Expression<SqlBool>) | null {
  const scope = reviewWorkScope(viewer);
  if (scope.kind === 'all') return null;
  return (eb) =>
    eb.or([
      eb('review_verdicts.reviewer_id', '=', scope.viewerId),
      eb(
        'review_verdicts.pass_id',
        'in',
        eb.selectFrom('review_passes').select('review_passes.id').where('status', '=', 'closed'),
      ),
    ]);
}

/** Condition on flags rows: the viewer may read this flag. */
export function flagVisibleTo(
  viewer: ReviewWorkViewer,
): ((eb: ExpressionBuilder<Database, 'flags'>) => Expression<SqlBool>) | null {
  const scope = reviewWorkScope(viewer);
  if (scope.kind === 'all') return null;
  return (eb) =>
    eb.or([
      eb('flags.raised_by', '=', scope.viewerId),
      eb(
        'flags.pass_id',
        'in',
        eb.selectFrom('review_passes').select('review_passes.id').where('status', '=', 'closed'),
      ),
    ]);
}

/** Audit entities that carry review work in their before/after. */
export const REVIEW_WORK_ENTITIES = ['review_verdict', 'flag'] as const;

/**
 * Condition on audit_log rows: entries about verdicts and flags only where the viewer may read
 * the verdict or flag they are about; every other entry is left to the caller's own rules.
 */
export function auditEntryVisibleTo(
  viewer: ReviewWorkViewer,
): ((eb: ExpressionBuilder<Database, 'audit_log'>) => Expression<SqlBool>) | null {
  const verdictRule = verdictVisibleTo(viewer);
  const flagRule = flagVisibleTo(viewer);
  if (!verdictRule || !flagRule) return null;
  return (eb) =>
    eb.or([
      eb('audit_log.entity', 'not in', [...REVIEW_WORK_ENTITIES]),
      eb.and([
        eb('audit_log.entity', '=', 'review_verdict'),
        eb.exists(
          eb
            .selectFrom('review_verdicts')
            .select('review_verdicts.id')
            .whereRef('review_verdicts.id', '=', 'audit_log.entity_id')
            .where(verdictRule),
        ),
      ]),
      eb.and([
        eb('audit_log.entity', '=', 'flag'),
        eb.exists(
          eb
            .selectFrom('flags')
            .select('flags.id')
            .whereRef('flags.id', '=', 'audit_log.entity_id')
            .where(flagRule),
        ),
      ]),
    ]);
}
