import { estimatePace } from '../../domain/review/pace';
import { orderQueue } from '../../domain/review/queue-order';
import type { ReviewWorkViewer } from '../../domain/review/visibility';
import { mayViewPeerProgress, mayViewReviewWork } from '../../domain/review/visibility';
import type { TargetDx } from '../../schemas/benchmark-sample';
import type {
  PassProgress,
  QueueItem,
  ReviewQueueQuery,
  ReviewQueueResponse,
  ReviewerProgress,
} from '../../schemas/api/review-queue';
import type { Db } from '../storage/database';
import type { PassRow } from './review-passes';
import { loadPassRow, passReviewerIds } from './review-passes';
import { ServiceError } from './service-error';

/** Whose queue the viewer asks for: a reviewer their own, a curator or admin the one named. */
function queueOwner(viewer: ReviewWorkViewer, asked: string | undefined): string {
  if (viewer.role === 'reviewer') {
    if (asked !== undefined && asked !== viewer.id) {
      throw new ServiceError('forbidden', 'A reviewer reads only their own queue.', {
        code: 'not_your_queue',
      });
    }
    return viewer.id;
  }
  if (asked === undefined) {
    throw new ServiceError('invalid', 'Name the reviewer whose queue to read.', {
      issues: [{ path: 'query.reviewer', message: 'is required for curators and admins' }],
    });
  }
  return asked;
}

async function isAssigned(db: Db, passId: string): Promise<boolean> {
  const row = await db
    .selectFrom('review_assignments')
    .select('sample_pk')
    .where('pass_id', '=', passId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The reviewer's items in the pass, filtered, in queue order (most pre-flagged first). */
async function queueItems(
  db: Db,
  pass: PassRow,
  reviewerId: string,
  query: ReviewQueueQuery,
): Promise<QueueItem[]> {
  const preflags = db
    .selectFrom('sample_preflags')
    .select(['sample_pk', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .groupBy('sample_pk')
    .as('pf');
  let select = db
    .selectFrom('review_pass_samples as ps')
    .innerJoin('samples as s', 's.id', 'ps.sample_pk')
    .leftJoin('review_verdicts as v', (join) =>
      join
        .onRef('v.pass_id', '=', 'ps.pass_id')
        .onRef('v.sample_pk', '=', 'ps.sample_pk')
        .on('v.reviewer_id', '=', reviewerId),
    )
    .leftJoin(preflags, 'pf.sample_pk', 'ps.sample_pk')
    .select([
      's.id',
      's.data_source',
      's.sample_id',
      's.target_dx',
      's.dx_label',
      's.path_idx',
      'ps.position',
      'v.verdict',
      'v.version',
      'pf.n',
    ])
    .where('ps.pass_id', '=', pass.id);
  if (await isAssigned(db, pass.id)) {
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_assignments as a')
          .select('a.sample_pk')
          .whereRef('a.pass_id', '=', 'ps.pass_id')
          .whereRef('a.sample_pk', '=', 'ps.sample_pk')
          .where('a.reviewer_id', '=', reviewerId),
      ),
    );
  }
  if (query.data_source) select = select.where('s.data_source', '=', query.data_source);
  if (query.target_dx) select = select.where('s.target_dx', '=', query.target_dx);
  if (query.dx_label !== undefined)
    select = select.where('s.dx_label', '=', query.dx_label ? 1 : 0);
  if (query.status === 'done') select = select.where('v.id', 'is not', null);
  if (query.status === 'open') select = select.where('v.id', 'is', null);
  if (query.preflag === 'flagged') select = select.where('pf.n', 'is not', null);
  if (query.preflag === 'clean') select = select.where('pf.n', 'is', null);
  const rows = await select.execute();
  return orderQueue(
    rows.map((row) => ({
      sampleId: row.id,
      ref: `${row.data_source}:${row.sample_id}`,
      targetDx: row.target_dx as TargetDx,
      dxLabel: row.dx_label === 1,
      pathIdx: row.path_idx,
      position: row.position,
      preflagCount: Number(row.n ?? 0),
      verdict: row.verdict === 'pass' || row.verdict === 'flag' ? row.verdict : null,
      verdictVersion: row.version ?? 0,
    })),
  );
}

/**
 * Progress of a pass: done / total per reviewer with the time left at each one's current pace,
 * and for the whole pass. A reviewer in an open blind pass sees only their own line.
 */
export async function getPassProgress(
  db: Db,
  viewer: ReviewWorkViewer,
  passId: string,
  pass?: PassRow,
): Promise<PassProgress> {
  const row = pass ?? (await loadPassRow(db, passId));
  const assigned = await isAssigned(db, row.id);
  const sampleCount = Number(
    (
      await db
        .selectFrom('review_pass_samples')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('pass_id', '=', row.id)
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const totals = new Map<string, number>();
  if (assigned) {
    const counts = await db
      .selectFrom('review_assignments')
      .select(['reviewer_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('pass_id', '=', row.id)
      .groupBy('reviewer_id')
      .execute();
    for (const count of counts) totals.set(count.reviewer_id, Number(count.n));
  }
  const verdicts = await db
    .selectFrom('review_verdicts')
    .select(['reviewer_id', 'sample_pk', 'verdict', 'created_at'])
    .where('pass_id', '=', row.id)
    .execute();
  const byReviewer = new Map<string, { times: number[]; flagged: number }>();
  for (const verdict of verdicts) {
    const entry = byReviewer.get(verdict.reviewer_id) ?? { times: [], flagged: 0 };
    entry.times.push(Date.parse(verdict.created_at));
    if (verdict.verdict === 'flag') entry.flagged++;
    byReviewer.set(verdict.reviewer_id, entry);
  }
  const peers = mayViewPeerProgress(viewer, row);
  const reviewerIds = assigned
    ? await passReviewerIds(db, row.id)
    : [
        ...new Set([...byReviewer.keys(), ...(viewer.role === 'reviewer' ? [viewer.id] : [])]),
      ].sort();
  const shown = peers ? reviewerIds : reviewerIds.filter((id) => id === viewer.id);
  const names = new Map(
    shown.length === 0
      ? []
      : (
          await db.selectFrom('users').select(['id', 'username']).where('id', 'in', shown).execute()
        ).map((user) => [user.id, user.username]),
  );
  const reviewers: ReviewerProgress[] = shown.map((reviewerId) => {
    const work = byReviewer.get(reviewerId) ?? { times: [], flagged: 0 };
    const total = assigned ? (totals.get(reviewerId) ?? 0) : sampleCount;
    const done = Math.min(work.times.length, total);
    const pace = estimatePace(work.times, total - done);
    return {
      reviewerId,
      username: names.get(reviewerId) ?? '',
      total,
      done,
      flagged: mayViewReviewWork(viewer, { ownerId: reviewerId, passStatus: row.status })
        ? work.flagged
        : null,
      msPerItem: pace.msPerItem,
      timeLeftMs: pace.timeLeftMs,
    };
  });
  if (!peers) return { passId: row.id, scope: 'own', pass: null, reviewers };
  const passTotal = assigned ? [...totals.values()].reduce((a, b) => a + b, 0) : sampleCount;
  const passDone = assigned
    ? reviewers.reduce((sum, reviewer) => sum + reviewer.done, 0)
    : new Set(verdicts.map((verdict) => verdict.sample_pk)).size;
  const unfinished = reviewers.filter((reviewer) => reviewer.done < reviewer.total);
  const timeLeftMs = !assigned
    ? null
    : unfinished.some((reviewer) => reviewer.timeLeftMs === null)
      ? null
      : Math.max(0, ...unfinished.map((reviewer) => reviewer.timeLeftMs ?? 0));
  return {
    passId: row.id,
    scope: 'all',
    pass: { total: passTotal, done: passDone, timeLeftMs },
    reviewers,
  };
}

/** A reviewer's queue in a pass: every matching item in queue order, with the progress. */
export async function getReviewQueue(
  db: Db,
  viewer: ReviewWorkViewer,
  passId: string,
  query: ReviewQueueQuery,
): Promise<ReviewQueueResponse> {
  const pass = await loadPassRow(db, passId);
  const reviewerId = queueOwner(viewer, query.reviewer);
  return {
    passId: pass.id,
    reviewerId,
    items: await queueItems(db, pass, reviewerId, query),
    progress: await getPassProgress(db, viewer, passId, pass),
  };
}
