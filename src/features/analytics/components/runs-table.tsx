/** The stored runs: model, protocol, answers, who imported them; each can be removed. */
import { Button } from '../../../components/ui/button';
import { useDeleteRun, useRuns } from '../api/evaluation-api';

/** The runs table (or how to fill it). */
export function RunsTable() {
  const runs = useRuns();
  const remove = useDeleteRun();
  if (runs.isPending) return <p className="text-slate-500">Loading runs…</p>;
  if (runs.isError)
    return (
      <p role="alert" className="text-ok-problem-ink">
        Could not load the runs: {runs.error.message}
      </p>
    );
  if (runs.data.items.length === 0)
    return (
      <p className="text-slate-600">
        No model answers yet: import a results folder or an answers JSONL above.
      </p>
    );
  return (
    <table className="w-full border-collapse text-left text-[13px]" aria-label="Model runs">
      <thead className="bg-slate-100 text-slate-600">
        <tr>
          <th className="px-2 py-1">Model</th>
          <th className="px-2 py-1">Protocol</th>
          <th className="px-2 py-1">Answers</th>
          <th className="px-2 py-1">File</th>
          <th className="px-2 py-1">Imported</th>
          <th className="px-2 py-1" />
        </tr>
      </thead>
      <tbody>
        {runs.data.items.map((run) => (
          <tr key={run.id} className="border-t border-slate-100">
            <td className="px-2 py-0.5 font-medium">{run.model}</td>
            <td className="px-2 py-0.5">{run.mode}</td>
            <td className="px-2 py-0.5 tabular-nums">{run.answers}</td>
            <td className="px-2 py-0.5">{run.fileName}</td>
            <td className="px-2 py-0.5">
              {run.importedAt.slice(0, 16).replace('T', ' ')}{' '}
              {run.importedBy ? `by ${run.importedBy}` : ''}
            </td>
            <td className="px-2 py-0.5">
              <Button
                disabled={remove.isPending}
                onClick={() => {
                  if (
                    window.confirm(
                      `Remove ${run.model} (${run.mode}) and its ${run.answers} answers?`,
                    )
                  )
                    remove.mutate(run.id);
                }}
              >
                Remove
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
