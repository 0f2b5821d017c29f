/**
 * A pass's progress: done of total as a bar with counts, per reviewer (a reviewer in an open blind
 * pass sees only their own), flags where the reader may see them, and time left at the pace.
 */
import type { PassProgress } from '../../../schemas/api/review-queue';
import { doneText, paceText, PROGRESS_BAR_CLASS } from '../progress-text';

/** One labelled bar with its counts and time left. */
function ProgressRow({
  label,
  done,
  total,
  flagged,
  msPerItem,
  timeLeftMs,
}: {
  label: string;
  done: number;
  total: number;
  flagged: number | null;
  msPerItem: number | null;
  timeLeftMs: number | null;
}) {
  return (
    <div className="grid grid-cols-[10rem_14rem_minmax(0,1fr)] items-center gap-3 text-[13px]">
      <span className="truncate font-medium">{label}</span>
      <progress
        aria-label={`${label}: ${doneText(done, total)}`}
        max={Math.max(total, 1)}
        value={done}
        className={`h-2.5 w-full ${PROGRESS_BAR_CLASS}`}
      />
      <span className="tabular-nums">
        {doneText(done, total)}
        {flagged !== null && ` · ${flagged} flagged`} ·{' '}
        {paceText(done, total, msPerItem, timeLeftMs)}
      </span>
    </div>
  );
}

/** The progress block of a pass page or a queue. */
export function PassProgressView({
  progress,
  viewerId,
}: {
  progress: PassProgress;
  viewerId: string;
}) {
  return (
    <section aria-label="Progress" className="space-y-1" data-testid="pass-progress">
      {progress.pass && (
        <ProgressRow
          label="Whole pass"
          done={progress.pass.done}
          total={progress.pass.total}
          flagged={null}
          msPerItem={null}
          timeLeftMs={progress.pass.timeLeftMs}
        />
      )}
      {progress.reviewers.map((r) => (
        <ProgressRow
          key={r.reviewerId}
          label={r.reviewerId === viewerId ? `You (${r.username})` : r.username}
          done={r.done}
          total={r.total}
          flagged={r.flagged}
          msPerItem={r.msPerItem}
          timeLeftMs={r.timeLeftMs}
        />
      ))}
      {progress.scope === 'own' && (
        <p className="text-[12px] text-slate-600">
          Blind review: other reviewers&apos; progress and verdicts stay hidden until the pass
          closes.
        </p>
      )}
    </section>
  );
}
