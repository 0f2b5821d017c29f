/**
 * The selected flag and what a curator can do about it: re-sample the sample from its template,
 * fix it in place in the chain editor, open it over its ECG, or dismiss the flag with a reason.
 */
import { dxLabelWord } from '../../../domain/benchmark/target-dx-names';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import type { BoardFlag } from '../../../schemas/api/curation';
import { TEXT_LIMITS } from '../../../schemas/text-limits';
import { useDismissFlag } from '../api/curation-api';
import { dxName } from './flag-groups';
import { flagPlace } from './flag-list';

/** Where each action of a flag leads. */
export const flagLinks = (f: BoardFlag) => ({
  resample: `/curate/resample/${f.sample.id}`,
  // The chain editor's route (its own feature) opens the sample for a fix in place.
  fix: `/samples/${f.sample.id}/edit`,
  open: `/samples/${f.sample.id}`,
});

function DismissForm({ flag, onDone }: { flag: BoardFlag; onDone: () => void }) {
  const [note, setNote] = useState('');
  const dismiss = useDismissFlag();
  const reason = note.trim();
  return (
    <form
      className="mt-2 flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason) return;
        dismiss.mutate({ id: flag.id, version: flag.version, note: reason }, { onSuccess: onDone });
      }}
    >
      <label className="text-[13px] text-slate-700">
        Why is this flag not a problem?
        <input
          // The field opens on the curator's D: it takes the keys at once.
          autoFocus
          className="mt-0.5 w-full rounded border border-slate-300 px-1.5 py-0.5 text-[14px]"
          value={note}
          maxLength={TEXT_LIMITS.comment}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              onDone();
            }
          }}
          aria-describedby="dismiss-hint"
        />
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={!reason || dismiss.isPending}>
          {dismiss.isPending ? 'Dismissing…' : 'Dismiss flag'}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
        <span id="dismiss-hint" className="text-[12px] text-slate-600">
          Enter dismisses, <Kbd>Esc</Kbd> cancels. The reason stays with the flag.
        </span>
      </div>
      {dismiss.isError && (
        <p role="alert" className="text-[13px] text-ok-problem-ink">
          Not dismissed: {dismiss.error.message}
        </p>
      )}
    </form>
  );
}

/** The selected flag's details and actions. */
export function FlagDetail({
  flag,
  dismissing,
  onDismissing,
}: {
  flag: BoardFlag | null;
  dismissing: boolean;
  onDismissing: (open: boolean) => void;
}) {
  if (!flag) {
    return <p className="text-slate-600">Select a flag (↑ ↓) to see it and act on it.</p>;
  }
  const links = flagLinks(flag);
  const s = flag.sample;
  return (
    <section aria-labelledby="flag-title" className="flex flex-col gap-2" data-testid="flag-detail">
      <h2 id="flag-title" className="font-semibold">
        Sample {s.key} · {dxName(s.targetDx)}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[13px]">
        <dt className="text-slate-600">Cell</dt>
        <dd>
          {s.dataSource}, {dxLabelWord(s.dxLabel)}, path {s.pathIdx}
        </dd>
        <dt className="text-slate-600">ECG</dt>
        <dd className="tabular-nums">{s.ecgId}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{s.status === 'review' ? 'awaiting review' : s.status}</dd>
        <dt className="text-slate-600">Flag on</dt>
        <dd>{flagPlace(flag)}</dd>
        <dt className="text-slate-600">Reasons</dt>
        <dd>{flag.reasons.map((r) => FLAG_REASON_NAMES[r]).join(', ')}</dd>
        <dt className="text-slate-600">Comment</dt>
        <dd className="whitespace-pre-wrap">{flag.comment || '—'}</dd>
        <dt className="text-slate-600">Raised</dt>
        <dd>{new Date(flag.createdAt).toLocaleString()}</dd>
      </dl>
      <div className="flex flex-wrap gap-1.5">
        <Link
          to={links.resample}
          className="rounded border border-[#0072B2] bg-[#0072B2] px-2 py-0.5 text-[13px] text-white hover:bg-[#005b8f]"
        >
          Re-sample <Kbd>Enter</Kbd>
        </Link>
        <Link
          to={links.fix}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[13px] hover:bg-slate-100"
        >
          Fix in place <Kbd>E</Kbd>
        </Link>
        <Link
          to={links.open}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[13px] hover:bg-slate-100"
        >
          Open sample <Kbd>O</Kbd>
        </Link>
        {!dismissing && (
          <Button shortcut="D" onClick={() => onDismissing(true)}>
            Dismiss…
          </Button>
        )}
      </div>
      {dismissing && <DismissForm key={flag.id} flag={flag} onDone={() => onDismissing(false)} />}
    </section>
  );
}
