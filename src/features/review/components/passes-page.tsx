/**
 * Review passes (/review): each pass with its progress; curators make new ones here. Reviewers
 * see the passes they review (and open ones every reviewer may join) with their own progress.
 */
import { Link } from 'react-router';
import { Message } from '../../../components/ui/message';
import type { ReviewPass } from '../../../schemas/api/review';
import { useReviewPasses } from '../api/passes';
import { usePassProgress } from '../api/queue';
import { doneText, paceText, PROGRESS_BAR_CLASS } from '../progress-text';
import { passSelectionText } from '../pass-selection-text';
import { oversees, type ReviewViewer } from '../review-viewer';
import { CreatePassForm } from './create-pass-form';

/** True when the pass hands samples to this reviewer (or to every reviewer). */
const reviewsIn = (pass: ReviewPass, viewer: ReviewViewer) =>
  pass.reviewerIds.includes(viewer.id) || (pass.mode === 'single' && pass.reviewerIds.length === 0);

/** A pass's progress cell: the pass's for curators, the reviewer's own for reviewers. */
function ProgressCell({ pass, viewer }: { pass: ReviewPass; viewer: ReviewViewer }) {
  const progress = usePassProgress(pass.id).data;
  if (!progress) return <span className="text-slate-600">…</span>;
  const own = progress.reviewers.find((r) => r.reviewerId === viewer.id);
  const counts = oversees(viewer) ? progress.pass : own;
  if (!counts) return <span className="text-slate-600">no samples for you</span>;
  const label = `${pass.name}: ${doneText(counts.done, counts.total)}`;
  return (
    <div className="flex items-center gap-2">
      <progress
        aria-label={label}
        max={Math.max(counts.total, 1)}
        value={counts.done}
        className={`h-2 w-32 ${PROGRESS_BAR_CLASS}`}
      />
      <span className="tabular-nums">
        {doneText(counts.done, counts.total)}
        {pass.status === 'open' &&
          ` · ${paceText(counts.done, counts.total, own?.msPerItem ?? null, counts.timeLeftMs)}`}
      </span>
    </div>
  );
}

/** The passes table. */
function PassTable({ passes, viewer }: { passes: readonly ReviewPass[]; viewer: ReviewViewer }) {
  return (
    <table className="w-full border-collapse text-left" data-testid="pass-table">
      <thead className="bg-slate-100 text-[12px] uppercase tracking-wide text-slate-600">
        <tr>
          <th className="px-3 py-1.5">Pass</th>
          <th className="px-2 py-1.5">Review</th>
          <th className="px-2 py-1.5">Status</th>
          <th className="px-2 py-1.5">Samples</th>
          <th className="px-2 py-1.5">{oversees(viewer) ? 'Progress' : 'Your progress'}</th>
        </tr>
      </thead>
      <tbody>
        {passes.map((pass) => (
          <tr key={pass.id} className="border-b border-slate-100 align-top">
            <td className="px-3 py-1.5">
              <Link
                className="font-medium text-[var(--color-selected)] underline"
                to={`/review/${pass.id}`}
              >
                {pass.name}
              </Link>
              <div className="text-[12px] text-slate-600">{passSelectionText(pass)}</div>
            </td>
            <td className="px-2 py-1.5">
              {pass.mode === 'blind_double' ? 'Blind double' : 'Single'}
            </td>
            <td className="px-2 py-1.5">{pass.status === 'open' ? 'Open' : 'Closed'}</td>
            <td className="px-2 py-1.5 tabular-nums">{pass.sampleCount}</td>
            <td className="px-2 py-1.5">
              <ProgressCell pass={pass} viewer={viewer} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Route element for /review. */
export function PassesPage({ viewer }: { viewer: ReviewViewer }) {
  const passes = useReviewPasses();
  const overseer = oversees(viewer);
  const shown = (passes.data ?? []).filter((p) => overseer || reviewsIn(p, viewer));
  return (
    <div className="h-full overflow-auto">
      <div className={`grid gap-4 p-4 ${overseer ? 'lg:grid-cols-[minmax(0,1fr)_32rem]' : ''}`}>
        <section aria-labelledby="passes-title" className="min-w-0">
          <h1 id="passes-title" className="mb-2 text-base font-semibold">
            Review passes
          </h1>
          {passes.error ? (
            <Message tone="error" title="The passes could not be loaded">
              {passes.error.message}
            </Message>
          ) : !passes.data ? (
            <p className="text-slate-600">Loading…</p>
          ) : shown.length === 0 ? (
            <Message tone="info" title="No review passes yet">
              {overseer
                ? 'Make one with the form: a filter or a list of sample ids, single or blind double review, and its reviewers.'
                : 'A curator makes a pass and hands its samples to you; it shows here then.'}
            </Message>
          ) : (
            <div className="rounded border border-slate-200 bg-white">
              <PassTable passes={shown} viewer={viewer} />
            </div>
          )}
        </section>
        {overseer && viewer.role === 'curator' && <CreatePassForm />}
      </div>
    </div>
  );
}
