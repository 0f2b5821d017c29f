/** The sample's automatic pre-flags: the rule in words, where it points, its sentence and numbers. */
import type { StoredPreflag } from '../../../schemas/api/preflags';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { leadRows, locationText, numberLines, ruleTitle } from '../preflag-text';

/** One pre-flag. */
function PreflagItem({ preflag, sample }: { preflag: StoredPreflag; sample: BenchmarkSampleV002 }) {
  const lines = numberLines(preflag.numbers);
  const leads = leadRows(preflag);
  const error = preflag.severity === 'error';
  return (
    <li
      className={`rounded border-l-4 bg-white p-2 ${error ? 'border-[#D55E00]' : 'border-[#E69F00]'}`}
      data-testid="preflag"
    >
      <p className="font-semibold">
        <span className="mr-1 rounded bg-slate-100 px-1 text-[11px] font-medium uppercase tracking-wide text-slate-700">
          {error ? 'Error' : 'Warning'}
        </span>
        {ruleTitle(preflag.rule)}
      </p>
      <p className="text-[13px] text-slate-600" data-testid="preflag-location">
        {locationText(preflag.at, sample)}
      </p>
      <p className="mt-0.5">{preflag.message}</p>
      {lines.length > 0 && (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-[13px]">
          {lines.map((line) => (
            <div key={line.label} className="contents">
              <dt className="text-slate-600">{line.label}</dt>
              <dd className="tabular-nums">{line.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {leads.length > 0 && (
        <table className="mt-1 w-full text-left text-[13px]">
          <caption className="sr-only">Per-lead measurements behind this pre-flag</caption>
          <thead className="text-slate-600">
            <tr>
              <th className="pr-2 font-medium">Lead</th>
              <th className="pr-2 font-medium">Value</th>
              <th className="pr-2 font-medium">Threshold</th>
              <th className="pr-2 font-medium">Answered</th>
              <th className="font-medium">Reads</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {leads.map((row) => (
              <tr key={row.lead}>
                <td className="pr-2">{row.lead}</td>
                <td className="pr-2">{row.value}</td>
                <td className="pr-2">{row.threshold}</td>
                <td className="pr-2">{row.answered}</td>
                <td>{row.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** The pre-flags section of the review panel (loading, none, or the list). */
export function PreflagList({
  preflags,
  error,
  sample,
}: {
  preflags: readonly StoredPreflag[] | undefined;
  error: Error | null;
  sample: BenchmarkSampleV002;
}) {
  return (
    <section
      aria-labelledby="preflags-title"
      className="mt-2 rounded border border-slate-200 bg-slate-100 p-2"
    >
      <h2
        id="preflags-title"
        className="text-[11px] font-semibold uppercase tracking-wide text-slate-600"
      >
        Automatic pre-flags{preflags ? ` (${preflags.length})` : ''}
      </h2>
      {error ? (
        <p role="alert" className="text-[var(--color-problem)]">
          The pre-flags could not be loaded: {error.message}
        </p>
      ) : !preflags ? (
        <p className="text-slate-600">Loading…</p>
      ) : preflags.length === 0 ? (
        <p className="text-slate-600">None: the automatic checks found nothing on this sample.</p>
      ) : (
        <ul className="mt-1 space-y-1.5">
          {preflags.map((p, i) => (
            <PreflagItem key={i} preflag={p} sample={sample} />
          ))}
        </ul>
      )}
    </section>
  );
}
