/** /analytics: model answers (charts per stage, diagnosis, funnel, forced commit), dense-label predictions and the dataset. */
import { useEffect } from 'react';
import { Segmented } from '../../../components/ui/segmented';
import { Message } from '../../../components/ui/message';
import { DATA_SOURCES } from '../../../schemas/benchmark-sample';
import { useReport } from '../api/evaluation-api';
import { ANALYTICS_TABS, useAnalyticsStore } from '../analytics-store';
import { DatasetDashboard } from './dataset-dashboard';
import { ForcedCommitChart } from './forced-commit-chart';
import { ImportAnswersPanel } from './import-answers-panel';
import { LabelCharts } from './label-charts';
import { ModelCharts } from './model-charts';
import { RunsTable } from './runs-table';
import { SampleList } from './sample-list';

function ReportTabs({ forced }: { forced: boolean }) {
  const dataset = useAnalyticsStore((s) => s.dataset);
  const report = useReport(dataset);
  if (report.isPending) return <p className="text-slate-500">Loading the figures…</p>;
  if (report.isError)
    return (
      <Message tone="error" title="Could not load the figures">
        {report.error.message}
      </Message>
    );
  if (report.data.runs.length === 0)
    return (
      <p className="text-slate-600">No answers on {dataset} yet: import a results folder above.</p>
    );
  return forced ? <ForcedCommitChart report={report.data} /> : <ModelCharts report={report.data} />;
}

/** The analytics screen; Escape closes the list of samples behind a figure. */
export function AnalyticsPage() {
  const { tab, setTab, dataset, setDataset, pick, setPick } = useAnalyticsStore();
  useEffect(() => {
    if (!pick) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPick(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pick, setPick]);
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-base font-semibold">Analytics</h1>
        <Segmented label="View" value={tab} options={ANALYTICS_TABS} onChange={setTab} />
        {(tab === 'models' || tab === 'forced') && (
          <Segmented
            label="Dataset"
            value={dataset}
            options={DATA_SOURCES.map((d) => ({ value: d, text: d }))}
            onChange={setDataset}
          />
        )}
      </div>
      <div className="flex min-h-0 flex-1 gap-3 p-3">
        <div className="flex min-w-0 flex-1 flex-col gap-3 overflow-auto">
          {(tab === 'models' || tab === 'forced') && (
            <>
              <ImportAnswersPanel />
              <section aria-label="Runs" className="rounded border border-slate-200 bg-white p-3">
                <h2 className="mb-1 font-semibold">Runs</h2>
                <RunsTable />
              </section>
              <ReportTabs forced={tab === 'forced'} />
            </>
          )}
          {tab === 'labels' && <LabelCharts />}
          {tab === 'dataset' && <DatasetDashboard />}
        </div>
        {pick && (
          <div className="flex w-[420px] shrink-0 flex-col">
            <SampleList />
          </div>
        )}
      </div>
    </div>
  );
}
