/**
 * A pass (/review/:passId). A reviewer: their progress and their queue, pre-flagged first. A
 * curator or admin: progress per reviewer, reviewers, closing, downloads, the agreement chart,
 * and any reviewer's queue.
 */
import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Message } from '../../../components/ui/message';
import type { ReviewPass } from '../../../schemas/api/review';
import { useReviewPass } from '../api/passes';
import {
  readReviewQueueQuery,
  reviewQueueQuery,
  usePassProgress,
  type ReviewQueueFilters,
} from '../api/queue';
import { oversees, type ReviewViewer } from '../review-viewer';
import { passSelectionText } from '../pass-selection-text';
import { PassAdmin } from './pass-admin';
import { PassProgressView } from './pass-progress';
import { PassQueue } from './pass-queue';

// Observable Plot: its own chunk, loaded when a curator opens a pass.
const AgreementChart = lazy(async () => ({
  default: (await import('./agreement-chart')).AgreementChart,
}));

/** The queue filters in the page URL, and a setter that writes them back (no new history entry). */
function useQueueFilters() {
  const [search, setSearch] = useSearchParams();
  const query = search.toString();
  const filters = useMemo(() => readReviewQueueQuery(new URLSearchParams(query)), [query]);
  const setFilters = (next: ReviewQueueFilters) =>
    setSearch(new URLSearchParams(reviewQueueQuery(next)), { replace: true });
  return { filters, setFilters };
}

/** Name, mode, status and what the pass covers. */
function PassHeader({ pass }: { pass: ReviewPass }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
      <Link to="/review" className="text-[var(--color-selected)] underline">
        ‹ Passes
      </Link>
      <h1 className="text-base font-semibold">{pass.name}</h1>
      <span>{pass.mode === 'blind_double' ? 'Blind double review' : 'Single review'}</span>
      <span
        className={`rounded px-1.5 text-[12px] ${pass.status === 'open' ? 'bg-[#0072B2] text-white' : 'bg-slate-800 text-white'}`}
      >
        {pass.status === 'open' ? 'Open' : 'Closed'}
      </span>
      <span className="text-slate-700">
        {pass.sampleCount} samples · {passSelectionText(pass)}
      </span>
      {pass.description && <p className="w-full text-slate-700">{pass.description}</p>}
    </div>
  );
}

/** Route element for /review/:passId. */
export function PassPage({ viewer }: { viewer: ReviewViewer }) {
  const { passId = '' } = useParams();
  const pass = useReviewPass(passId);
  const progress = usePassProgress(passId);
  const { filters, setFilters } = useQueueFilters();
  const overseer = oversees(viewer);

  if (pass.error)
    return (
      <div className="p-6">
        <Message tone="error" title="The pass could not be loaded">
          {pass.error.message}
        </Message>
      </div>
    );
  if (!pass.data) return <p className="p-6 text-slate-600">Loading the pass…</p>;

  const reviewers = progress.data?.reviewers ?? [];
  // A curator reads one reviewer's queue at a time: the one in the URL, else the first.
  const queueOf = overseer ? (filters.reviewer ?? reviewers[0]?.reviewerId) : undefined;
  const queueFilters = overseer ? { ...filters, reviewer: queueOf } : filters;
  const showQueue = !overseer || queueOf !== undefined;

  return (
    <div className={`flex h-full flex-col ${overseer ? 'overflow-auto' : ''}`}>
      <div className="space-y-2 border-b border-slate-300 bg-white px-4 py-3">
        <PassHeader pass={pass.data} />
        {progress.data ? (
          <PassProgressView progress={progress.data} viewerId={viewer.id} />
        ) : progress.error ? (
          <p role="alert" className="text-[var(--color-problem)]">
            Progress could not be loaded: {progress.error.message}
          </p>
        ) : null}
        {overseer && <PassAdmin pass={pass.data} canManage={viewer.role === 'curator'} />}
      </div>
      {overseer && (
        <section aria-label="Agreement" className="border-b border-slate-300 px-4 py-3">
          <Suspense fallback={<p className="text-slate-600">Loading the chart…</p>}>
            <AgreementChart passId={passId} />
          </Suspense>
        </section>
      )}
      {overseer && reviewers.length > 0 && (
        <label className="flex items-center gap-2 bg-white px-4 pt-2 text-[13px]">
          Queue of
          <select
            className="rounded border border-slate-300 px-1 py-0.5"
            value={queueOf}
            onChange={(e) => setFilters({ ...filters, reviewer: e.target.value })}
          >
            {reviewers.map((r) => (
              <option key={r.reviewerId} value={r.reviewerId}>
                {r.username}
              </option>
            ))}
          </select>
        </label>
      )}
      {showQueue && (
        <div className={overseer ? 'flex h-[32rem] flex-col' : 'flex min-h-0 flex-1 flex-col'}>
          <PassQueue
            passId={passId}
            filters={queueFilters}
            onFilters={setFilters}
            reviewing={!overseer}
            label={overseer ? 'Reviewer queue' : 'Your queue'}
          />
        </div>
      )}
    </div>
  );
}
