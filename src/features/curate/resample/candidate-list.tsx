/**
 * The candidate ECGs of a re-sample, best first, with their margins; the selected one's findings
 * (what the path answers, what the engine measured, the margin in bin steps); and the ECGs left
 * out, counted by reason.
 */
import { useEffect, useRef } from 'react';
import type {
  CandidateFinding,
  RankedCandidateResponse,
  ResampleCandidates,
} from '../../../schemas/api/curation';

/** A margin in bin steps, signed. */
export const formatMargin = (margin: number | null) =>
  margin === null ? 'not judged' : `${margin >= 0 ? '+' : ''}${margin.toFixed(1)}`;

/** The candidates as a list; a click selects one. */
export function CandidateList({
  ranked,
  selected,
  onSelect,
}: {
  ranked: readonly RankedCandidateResponse[];
  selected: number;
  onSelect: (index: number) => void;
}) {
  const selectedRow = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // A block body: scrollIntoView returns a promise in newer browsers, which is no cleanup.
    void selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <ol
      // Scrolls: the keyboard reaches it (arrows move the selection from anywhere on the page).
      tabIndex={0}
      className="max-h-64 overflow-auto rounded border border-slate-200 bg-white"
      aria-label="Candidate ECGs, best first"
    >
      {ranked.map((c, i) => {
        const current = i === selected;
        return (
          <li
            key={c.ecgId}
            ref={current ? selectedRow : undefined}
            aria-current={current ? 'true' : undefined}
            data-testid="candidate-row"
            onClick={() => onSelect(i)}
            className={`flex cursor-pointer items-baseline gap-2 border-t border-slate-100 px-2 py-0.5 text-[13px] first:border-t-0 ${current ? 'bg-sky-50 shadow-[inset_3px_0_0_#0072B2]' : 'hover:bg-slate-50'}`}
          >
            <span className="w-6 text-end text-slate-600 tabular-nums">{c.rank}.</span>
            <span className="font-medium tabular-nums">ECG {c.ecgId}</span>
            <span className="tabular-nums">margin {formatMargin(c.margin)}</span>
            <span className="ml-auto text-[12px] text-slate-600">label: {c.labelFrom}</span>
          </li>
        );
      })}
    </ol>
  );
}

function FindingRow({
  f,
  focused,
  onFocus,
}: {
  f: CandidateFinding;
  focused: boolean;
  onFocus: () => void;
}) {
  const leads = f.basis.leads;
  return (
    <li
      className={`rounded border p-1.5 ${focused ? 'border-[#0072B2] bg-sky-50' : 'border-slate-200 bg-white'}`}
    >
      <button
        type="button"
        onClick={onFocus}
        aria-pressed={focused}
        className="w-full text-left"
        aria-label={`Step ${f.step + 1} finding: draw it alone on the plot`}
      >
        <span className="font-semibold">Step {f.step + 1}</span>{' '}
        <span className="text-slate-600">
          (key {f.step + 1}) path answers <strong>{f.answer}</strong>
        </span>
      </button>
      <p className="mt-0.5 text-[13px] text-slate-700">
        {f.rule ?? 'The engine cannot judge this finding; it is listed, not checked.'}
      </p>
      <p className="text-[13px] tabular-nums">
        margin {formatMargin(f.margin)} bin steps ·{' '}
        {f.agrees === null ? 'not judged' : f.agrees ? '✓ agrees with the path' : '✗ disagrees'}
      </p>
      {(leads.length > 0 || f.basis.windows.length > 0) && (
        <p className="text-[12px] text-slate-600">
          Rests on{' '}
          {leads
            .map((l) => `${l.lead}${l.agrees === null ? '' : l.agrees ? ' ✓' : ' ✗'}`)
            .concat(f.basis.windows.map((w) => w.label))
            .join(', ')}
        </p>
      )}
    </li>
  );
}

/** The selected candidate's findings, each a button that draws it alone. */
export function CandidateFindings({
  candidate,
  focusedStep,
  onFocus,
}: {
  candidate: RankedCandidateResponse;
  focusedStep: number | null;
  onFocus: (step: number) => void;
}) {
  return (
    <section aria-label={`Findings on ECG ${candidate.ecgId}`}>
      <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
        Findings of the path on ECG {candidate.ecgId}
      </h3>
      <ul className="mt-1 space-y-1">
        {candidate.findings.map((f) => (
          <FindingRow
            key={f.step}
            f={f}
            focused={focusedStep === f.step}
            onFocus={() => onFocus(f.step)}
          />
        ))}
      </ul>
    </section>
  );
}

/** How many ECGs were left out, by reason, and those with a record one by one. */
export function RejectedSummary({ rejected }: { rejected: ResampleCandidates['rejected'] }) {
  return (
    <details className="text-[13px]">
      <summary className="cursor-pointer text-slate-700">
        {rejected.total} ECGs left out, by reason
      </summary>
      <table className="mt-1 w-full text-left">
        <tbody>
          {rejected.byReason.map((r) => (
            <tr key={r.reason} className="border-t border-slate-100 align-top">
              <td className="w-14 pr-2 text-end tabular-nums">{r.count}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rejected.withRecordTotal > 0 && (
        <>
          <p className="mt-2 font-medium">
            With a record ({rejected.withRecordTotal}
            {rejected.withRecord.length < rejected.withRecordTotal
              ? `, ${rejected.withRecord.length} listed`
              : ''}
            )
          </p>
          <ul className="mt-0.5 space-y-0.5">
            {rejected.withRecord.map((r) => (
              <li key={r.ecgId}>
                <span className="font-medium tabular-nums">ECG {r.ecgId}</span>:{' '}
                {r.reasons.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
