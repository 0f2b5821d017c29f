/**
 * One reviewer's queue in a pass: the filters (kept in the page's URL), the virtualised list,
 * pre-flagged first, and what a row opens (the review screen, or for curators the sample).
 */
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Message } from '../../../components/ui/message';
import type { QueueItem } from '../../../schemas/api/review-queue';
import { reviewQueueQuery, useReviewQueue, type ReviewQueueFilters } from '../api/queue';
import { firstToReview } from '../queue-navigation';
import { QueueFilters } from './queue-filters';
import { QueueList } from './queue-list';

/** A queue with its filters; `reviewing` opens rows on the review screen, else on the sample view. */
export function PassQueue({
  passId,
  filters,
  onFilters,
  reviewing,
  label,
}: {
  passId: string;
  filters: ReviewQueueFilters;
  onFilters: (filters: ReviewQueueFilters) => void;
  reviewing: boolean;
  label: string;
}) {
  const navigate = useNavigate();
  const queue = useReviewQueue(passId, filters);
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const query = reviewQueueQuery(filters);
  const open = useCallback(
    (item: QueueItem) =>
      void navigate(
        reviewing
          ? `/review/${passId}/samples/${item.sampleId}${query ? `?${query}` : ''}`
          : `/samples/${item.sampleId}`,
      ),
    [navigate, passId, query, reviewing],
  );
  const first = firstToReview(items);
  const preflagged = items.filter((i) => i.preflagCount > 0).length;
  const filtered = Object.keys(filters).some((k) => k !== 'reviewer');

  return (
    <section className="flex min-h-0 flex-1 flex-col" aria-label={label}>
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <h2 className="font-semibold">{label}</h2>
        <QueueFilters filters={filters} onChange={onFilters} />
        {queue.data && (
          <p className="ml-auto text-[13px] text-slate-700" data-testid="queue-count">
            {items.length} samples · {preflagged} pre-flagged (listed first)
          </p>
        )}
      </div>
      {queue.error ? (
        <div className="p-4">
          <Message tone="error" title="The queue could not be loaded">
            {queue.error.message}
          </Message>
        </div>
      ) : !queue.data ? (
        <p className="p-4 text-slate-600">Loading the queue…</p>
      ) : items.length === 0 ? (
        <div className="p-4">
          <Message tone="info" title={filtered ? 'No sample matches these filters' : 'No samples'}>
            {filtered
              ? 'Clear a filter to see more of the queue.'
              : 'No sample of this pass is handed to this reviewer. A curator assigns reviewers on this page.'}
          </Message>
        </div>
      ) : (
        <QueueList
          // A new list (other filters or reviewer) starts at its own first sample to judge.
          key={`${query}`}
          items={items}
          initialIndex={first ? items.indexOf(first) : 0}
          onOpen={open}
          label={label}
        />
      )}
    </section>
  );
}
