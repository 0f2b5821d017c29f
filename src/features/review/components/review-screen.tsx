/**
 * The review screen (/review/:passId/samples/:sampleId): the sample step by step over its ECG (the
 * shared reasoning view), the reviewer's verdict panel and the sample's pre-flags beside it, the
 * save state below. A stays on this screen and swaps in the next sample, whose sample, record,
 * pre-flags and verdict were fetched ahead, so it is drawn at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import { ApiRequestError } from '../../../lib/api-client';
import { ReasoningView } from '../../../reasoning/components/reasoning-view';
import type { SampleResponse } from '../../../schemas/api/samples';
import { useReviewPass } from '../api/passes';
import {
  readReviewQueueQuery,
  reviewQueueQuery,
  useReviewQueue,
  type ReviewQueueFilters,
} from '../api/queue';
import { prefetchReviewItem, useReviewSample, useSamplePreflags } from '../api/review-sample';
import { useOwnVerdict } from '../api/verdicts';
import { openItemsAfter, nextToReview, queuePlace } from '../queue-navigation';
import { createReviewDraftStore } from '../review-draft-store';
import { REVIEW_COMMANDS, REVIEW_PLOT_PLUGINS } from '../review-keymap';
import type { ReviewViewer } from '../review-viewer';
import { useReviewActions } from '../use-review-actions';
import { PreflagList } from './preflag-list';
import { SaveStatus } from './save-status';
import { VerdictPanel } from './verdict-panel';
import { SampleMetadata } from '../../../reasoning/components/sample-metadata';

/** How many samples ahead of the open one (along A) are fetched before they are asked for. */
const PREFETCH_AHEAD = 3;

/** Route element for /review/:passId/samples/:sampleId (the queue's filters ride along). */
export function ReviewScreenRoute({ viewer }: { viewer: ReviewViewer }) {
  const { passId = '', sampleId = '' } = useParams();
  const [search] = useSearchParams();
  const query = search.toString();
  const filters = useMemo(() => readReviewQueueQuery(new URLSearchParams(query)), [query]);
  if (viewer.role !== 'reviewer') {
    return (
      <div className="p-6">
        <Message tone="info" title="Only reviewers judge samples in a pass">
          Curators and admins read the verdicts and the agreement on the{' '}
          <Link className="underline" to={`/review/${passId}`}>
            pass page
          </Link>
          .
        </Message>
      </div>
    );
  }
  return <ReviewScreen passId={passId} sampleId={sampleId} filters={filters} />;
}

/** The screen's message where the sample would be. */
function loadError(error: Error, sampleId: string) {
  const title =
    error instanceof ApiRequestError && error.status === 404
      ? `No sample with id ${sampleId}`
      : 'The sample could not be loaded';
  return (
    <div className="p-6">
      <Message tone="error" title={title}>
        {error.message}
      </Message>
    </div>
  );
}

/** One sample of a reviewer's queue, judged by key. */
export function ReviewScreen({
  passId,
  sampleId,
  filters,
}: {
  passId: string;
  sampleId: string;
  filters: ReviewQueueFilters;
}) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const pass = useReviewPass(passId).data;
  const queue = useReviewQueue(passId, filters);
  const sampleQuery = useReviewSample(sampleId);
  const preflags = useSamplePreflags(sampleId);
  const own = useOwnVerdict(passId, sampleId);
  const [store] = useState(createReviewDraftStore);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const place = queuePlace(items, sampleId);
  const item = place.index >= 0 ? items[place.index] : undefined;
  const query = reviewQueueQuery(filters);

  // A layout effect: a prefetched sample opens in the same commit as its draft.
  useLayoutEffect(
    () => store.getState().open(sampleId, own.data ?? null),
    [store, sampleId, own.data],
  );

  const aheadKey = [
    ...openItemsAfter(items, sampleId)
      .slice(0, PREFETCH_AHEAD)
      .map((i) => i.sampleId),
    place.next?.sampleId,
    place.previous?.sampleId,
  ].join(' ');
  useEffect(() => {
    // After the sample just opened is painted: fetching ahead must not hold up its first frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        for (const id of new Set(aheadKey.split(' ')))
          if (id) void prefetchReviewItem(client, passId, id);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [client, passId, aheadKey]);

  // Samples replace each other in the history: Back leaves the review for the queue. The next
  // sample renders in the key's own task (flushSync), not as a transition React may put off.
  const open = useCallback(
    (id: string) =>
      void navigate(`/review/${passId}/samples/${id}${query ? `?${query}` : ''}`, {
        replace: true,
        flushSync: true,
      }),
    [navigate, passId, query],
  );
  const backToQueue = useCallback(
    () => void navigate(`/review/${passId}${query ? `?${query}` : ''}`),
    [navigate, passId, query],
  );

  const actions = useReviewActions({
    passId,
    sampleId,
    pass,
    item,
    savedVersion: own.data?.version ?? item?.verdictVersion ?? 0,
    ready: sampleQuery.isSuccess,
    store,
    commentRef,
    nextToReview: nextToReview(items, sampleId),
    next: place.next,
    previous: place.previous,
    open,
    backToQueue,
  });

  if (sampleQuery.error) return loadError(sampleQuery.error, sampleId);
  const detail = sampleQuery.data;
  if (!detail)
    return (
      <p className="p-6 text-slate-600" role="status">
        Loading sample…
      </p>
    );
  const closed = pass?.status === 'closed';
  const position =
    place.index >= 0
      ? `${place.index + 1} / ${items.length}`
      : queue.data
        ? 'not in your queue'
        : '';

  return (
    <ReasoningView
      sample={detail.sample}
      sampleKey={sampleId}
      ecg={detail.ecg}
      keymapTitle="Review"
      commands={REVIEW_COMMANDS}
      commandContext={actions}
      groundingKeys="g-then-digit"
      plugins={REVIEW_PLOT_PLUGINS}
      keyHint="A pass · F flag · 1–7 reasons · C comment · S A / S F step · J/K step · ] [ sample · G 1–9 grounding"
      header={
        <ReviewHeader
          detail={detail}
          passName={pass?.name ?? ''}
          position={position}
          closed={closed}
          onQueue={backToQueue}
          onPrevious={place.previous ? actions.previous : undefined}
          onNext={place.next ? actions.next : undefined}
        />
      }
      panel={
        <>
          <VerdictPanel
            store={store}
            saved={own.isPending ? undefined : (own.data ?? null)}
            stepCount={detail.sample.data.reasoning.length}
            actions={actions}
            commentRef={commentRef}
            closed={closed}
          />
          <PreflagList
            preflags={preflags.data?.items}
            error={preflags.error}
            sample={detail.sample}
          />
        </>
      }
      status={<SaveStatus items={items} />}
    />
  );
}

/** Pass, sample title and metadata, and the queue navigation. */
function ReviewHeader({
  detail,
  passName,
  position,
  closed,
  onQueue,
  onPrevious,
  onNext,
}: {
  detail: SampleResponse;
  passName: string;
  position: string;
  closed: boolean;
  onQueue: () => void;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}) {
  const m = detail.sample.metadata;
  return (
    <>
      <Button shortcut="Q" onClick={onQueue}>
        ‹ Queue
      </Button>
      <h1 className="font-semibold">
        {m.data_source}:{m.id} · {targetDxName(m.target_dx)}
      </h1>
      <SampleMetadata metadata={m} leading={[['Pass', passName]]} />
      {closed && (
        <span className="rounded bg-slate-800 px-1.5 text-[12px] text-white">Pass closed</span>
      )}
      <nav className="ml-auto flex items-center gap-1" aria-label="Queue">
        <Button shortcut="[" disabled={!onPrevious} onClick={onPrevious}>
          ‹ Previous
        </Button>
        <span className="tabular-nums text-slate-600" data-testid="queue-position">
          {position}
        </span>
        <Button shortcut="]" disabled={!onNext} onClick={onNext}>
          Next ›
        </Button>
      </nav>
    </>
  );
}
