/** Open flags per diagnosis, source and reason, as a compact table; a row filters the flag list. */
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import type { FlagGroup } from '../../../schemas/api/curation';
import { dxName, groupKey } from './flag-groups';

/** The groups, largest first within each diagnosis; the picked one is marked. */
export function GroupTable({
  groups,
  picked,
  onPick,
}: {
  groups: readonly FlagGroup[];
  picked: string | null;
  onPick: (group: FlagGroup | null) => void;
}) {
  if (groups.length === 0) {
    return (
      <p className="text-slate-600">
        No open flags. Reviewers flag samples in their passes; each flag shows up here.
      </p>
    );
  }
  return (
    <table
      className="w-full border-collapse text-left text-[13px]"
      aria-label="Open flags by group"
    >
      <thead className="bg-slate-100">
        <tr>
          <th className="px-2 py-1 font-medium">Diagnosis</th>
          <th className="px-2 py-1 font-medium">Source</th>
          <th className="px-2 py-1 font-medium">Reason</th>
          <th className="px-2 py-1 text-end font-medium">Open</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const key = groupKey(g);
          const current = key === picked;
          return (
            <tr
              key={key}
              aria-current={current ? 'true' : undefined}
              className={`border-t border-slate-100 ${current ? 'bg-sky-50 shadow-[inset_3px_0_0_#0072B2]' : ''}`}
            >
              <td className="px-2 py-0.5">
                <button
                  type="button"
                  className="text-left underline decoration-slate-300 hover:decoration-slate-700"
                  onClick={() => onPick(current ? null : g)}
                  aria-label={`${current ? 'Show every group instead of' : 'Show only'} ${dxName(g.targetDx)}, ${g.dataSource}, ${FLAG_REASON_NAMES[g.reason]}`}
                >
                  {dxName(g.targetDx)}
                </button>
              </td>
              <td className="px-2 py-0.5">{g.dataSource}</td>
              <td className="px-2 py-0.5">{FLAG_REASON_NAMES[g.reason]}</td>
              <td className="px-2 py-0.5 text-end tabular-nums">{g.count}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
