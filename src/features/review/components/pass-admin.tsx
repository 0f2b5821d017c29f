/** A curator's controls for one pass: its reviewers, closing it, and its results as files. */
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { ReviewPass } from '../../../schemas/api/review';
import { useAssignableReviewers, useChangeReviewPass } from '../api/passes';
import { agreementCsvUrl, passExportUrl } from '../api/results';
import { errorText } from '../error-text';

/** Reviewer checkboxes; Save hands the open items out again. */
function ReviewerAssignment({ pass }: { pass: ReviewPass }) {
  const reviewers = useAssignableReviewers();
  const { assign } = useChangeReviewPass();
  const [picked, setPicked] = useState<readonly string[] | null>(null);
  const chosen = picked ?? pass.reviewerIds;
  const changed =
    picked !== null &&
    (picked.length !== pass.reviewerIds.length ||
      picked.some((id) => !pass.reviewerIds.includes(id)));
  const toggle = (id: string) =>
    setPicked(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <fieldset className="rounded border border-slate-200 p-2" disabled={pass.status === 'closed'}>
      <legend className="px-1 font-semibold">Reviewers</legend>
      {reviewers.error && (
        <p role="alert" className="text-[var(--color-problem)]">
          {errorText(reviewers.error)}
        </p>
      )}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {(reviewers.data ?? []).map((r) => (
          <label key={r.id} className="flex items-center gap-1">
            <input type="checkbox" checked={chosen.includes(r.id)} onChange={() => toggle(r.id)} />
            {r.username}
          </label>
        ))}
        {reviewers.data?.length === 0 && (
          <span className="text-slate-600">No reviewer accounts yet: an admin creates them.</span>
        )}
      </div>
      <div className="mt-1 flex items-center gap-2">
        <Button
          disabled={!changed || assign.isPending}
          onClick={() =>
            assign.mutate(
              { passId: pass.id, version: pass.version, reviewerIds: [...chosen] },
              { onSuccess: () => setPicked(null) },
            )
          }
        >
          {assign.isPending ? 'Saving…' : 'Save reviewers'}
        </Button>
        <span className="text-[12px] text-slate-600">
          Open items are handed out again; items with a verdict stay with their reviewer.
        </span>
      </div>
      {assign.error && (
        <p role="alert" className="text-[var(--color-problem)]">
          Not saved: {errorText(assign.error)}
        </p>
      )}
    </fieldset>
  );
}

/** Close (asked twice; curators), and the downloads. */
function CloseAndExport({ pass, canManage }: { pass: ReviewPass; canManage: boolean }) {
  const { close } = useChangeReviewPass();
  const [asking, setAsking] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!canManage ? null : pass.status === 'open' ? (
        asking ? (
          <>
            <span className="font-medium">
              Close the pass? Verdicts can no longer change, and every reviewer may read them.
            </span>
            <Button
              className="border-[#D55E00]"
              disabled={close.isPending}
              onClick={() => close.mutate({ passId: pass.id, version: pass.version })}
            >
              {close.isPending ? 'Closing…' : 'Yes, close the pass'}
            </Button>
            <Button onClick={() => setAsking(false)}>Keep it open</Button>
          </>
        ) : (
          <Button onClick={() => setAsking(true)}>Close the pass…</Button>
        )
      ) : (
        <span className="font-medium">
          Closed {pass.closedAt ? new Date(pass.closedAt).toLocaleString() : ''}
        </span>
      )}
      <a
        className="ml-auto text-[var(--color-selected)] underline"
        href={passExportUrl(pass.id)}
        download
      >
        Verdicts (JSONL)
      </a>
      <a
        className="text-[var(--color-selected)] underline"
        href={agreementCsvUrl(pass.id)}
        download
      >
        Agreement (CSV)
      </a>
      {close.error && (
        <p role="alert" className="w-full text-[var(--color-problem)]">
          Not closed: {errorText(close.error)}
        </p>
      )}
    </div>
  );
}

/** The overseer's block on a pass page: reviewers and closing for curators, downloads for both. */
export function PassAdmin({ pass, canManage }: { pass: ReviewPass; canManage: boolean }) {
  return (
    <section aria-label="Manage the pass" className="space-y-2">
      {canManage && <ReviewerAssignment pass={pass} />}
      <CloseAndExport pass={pass} canManage={canManage} />
    </section>
  );
}
