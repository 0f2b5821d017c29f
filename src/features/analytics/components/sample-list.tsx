/** The samples behind the picked figure: each opens the model's replies beside the right answers. */
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { useSamplesBehind } from '../api/evaluation-api';
import { useAnalyticsStore } from '../analytics-store';
import { STAGE_LABEL } from '../chart-data';
import { dxName } from './chart-style';

const stepText = (s: { loop: number; stage: string; item: number | null }) =>
  `L${s.loop + 1} ${STAGE_LABEL[s.stage as keyof typeof STAGE_LABEL] ?? s.stage}${s.item === null ? '' : ` #${s.item + 1}`}`;

/** The list panel (empty when no figure is picked). */
export function SampleList() {
  const pick = useAnalyticsStore((s) => s.pick);
  const setPick = useAnalyticsStore((s) => s.setPick);
  const list = useSamplesBehind(pick?.query ?? null);
  if (!pick) return null;
  const first = (item: { steps: { loop: number; item: number | null }[] }) => {
    const step = item.steps.find((s) => s.item !== null) ?? item.steps[0];
    return step ? `?loop=${step.loop}${step.item === null ? '' : `&item=${step.item}`}` : '';
  };
  return (
    <aside
      aria-label="Samples behind the figure"
      data-testid="sample-list"
      className="flex min-h-0 flex-col rounded border border-slate-200 bg-white"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 className="font-semibold">{pick.title}</h2>
        <Button
          className="ml-auto"
          onClick={() => setPick(null)}
          aria-label="Close the sample list"
        >
          Close
        </Button>
      </div>
      {list.isPending && <p className="p-3 text-slate-500">Loading the samples…</p>}
      {list.isError && (
        <p role="alert" className="p-3 text-ok-problem-ink">
          Could not list the samples: {list.error.message}
        </p>
      )}
      {list.data && (
        <>
          <p className="px-3 py-1 text-[13px] text-slate-600">
            {list.data.total} sample{list.data.total === 1 ? '' : 's'}
            {list.data.total > list.data.items.length
              ? `, the first ${list.data.items.length} listed`
              : ''}
          </p>
          <ul className="min-h-0 flex-1 overflow-auto">
            {list.data.items.map((item) => (
              <li key={item.samplePk} className="border-t border-slate-100">
                <Link
                  to={`/analytics/runs/${pick.runId}/samples/${item.samplePk}${first(item)}`}
                  className="flex gap-3 px-3 py-1 hover:bg-slate-50"
                >
                  <span className="w-20 font-medium tabular-nums">#{item.sampleId}</span>
                  <span className="flex-1">
                    {dxName(item.targetDx)} ({item.dxLabel ? 'present' : 'absent'})
                  </span>
                  <span className="text-slate-600">{item.steps.map(stepText).join(', ')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
