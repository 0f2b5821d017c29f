/**
 * Re-sampling one flagged sample (/curate/resample/:sampleId): the candidate ECGs ranked, the
 * selected one on the plot with what its findings rest on drawn; generate on it (or take the
 * best), then the generated sample beside the old one (CompareView), then save.
 */
import { dxLabelWord } from '../../../domain/benchmark/target-dx-names';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PAGE_SCOPE } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import { ShortcutsDialog } from '../../../components/ui/shortcuts-dialog';
import { prefetchEcgRecord } from '../../../ecg/prefetch-record';
import { RecordPanel } from '../../../ecg/record-panel';
import { RecordStatus } from '../../../ecg/record-status';
import { useEcg } from '../../../ecg/use-ecg';
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import { createPlotStore } from '../../../plot/viewport-store';
import type { ResampleCandidates } from '../../../schemas/api/curation';
import { useResampleCandidates, useResampleFromTemplate } from '../api/curation-api';
import { dxName } from '../board/flag-groups';
import { basisOverlays } from './basis-overlays';
import { CandidateFindings, CandidateList, RejectedSummary, formatMargin } from './candidate-list';
import { CompareView, type ResamplePreview } from './compare-view';
import { candidateKeymap } from './resample-keymap';

/** The sample being re-sampled: its cell, its ECG now, its open flags. */
function ResampleHeader({ report }: { report: ResampleCandidates }) {
  const m = report.sample.sample.metadata;
  return (
    <>
      <Link
        to="/curate"
        className="rounded border border-slate-300 px-2 py-0.5 text-[13px] hover:bg-slate-100"
      >
        ‹ Board
      </Link>
      <h1 className="font-semibold">
        Re-sample {m.data_source}:{m.id} · {dxName(m.target_dx)}
      </h1>
      <span className="text-slate-700">
        {dxLabelWord(m.dx_label)}, path {m.path_idx} · now on ECG{' '}
        <strong className="tabular-nums">{m.ecg_id}</strong> · version {report.sample.version} ·{' '}
        {report.status === 'review' ? 'awaiting review' : report.status}
      </span>
      <span className="text-[13px] text-slate-700" data-testid="sample-flags">
        {report.openFlags.length === 0
          ? 'No open flags'
          : report.openFlags
              .map(
                (f) =>
                  `${f.stepIdx === null ? 'Sample' : `Step ${f.stepIdx + 1}`}: ${f.reasons.map((r) => FLAG_REASON_NAMES[r]).join(', ')}${f.comment ? ` (“${f.comment}”)` : ''}`,
              )
              .join(' · ')}
      </span>
    </>
  );
}

function ChooseCandidate({
  report,
  onGenerate,
  generating,
  error,
}: {
  report: ResampleCandidates;
  onGenerate: (ecgId: string | undefined) => void;
  generating: boolean;
  error: Error | null;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [plotStore] = useState(() => createPlotStore());
  const [selected, setSelected] = useState(0);
  const [focusedStep, setFocusedStep] = useState<number | null>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const candidate = report.ranked[selected] ?? null;
  const { recordQuery, record, beatTimesS } = useEcg(candidate?.record);
  const overlays = useMemo(
    () => (candidate ? basisOverlays(candidate.findings, focusedStep) : null),
    [candidate, focusedStep],
  );
  // The next candidates' records load ahead, so stepping down the list draws at once.
  useEffect(() => {
    for (const c of report.ranked.slice(selected + 1, selected + 3))
      void prefetchEcgRecord(queryClient, c.record.source, c.record.ecgId);
  }, [queryClient, report.ranked, selected]);

  const steps = candidate?.findings.length ?? 0;
  useKeymap(
    candidateKeymap,
    {
      move: (delta: number) => {
        if (report.ranked.length === 0) return false;
        setSelected((i) => Math.max(0, Math.min(report.ranked.length - 1, i + delta)));
      },
      focusStep: (index: number) => {
        if (index >= steps) return false;
        setFocusedStep((now) => (now === index ? null : index));
      },
      clearFocus: () => (focusedStep === null ? false : setFocusedStep(null)),
      generate: () => (candidate && !generating ? onGenerate(candidate.ecgId) : false),
      takeBest: () => (report.ranked.length > 0 && !generating ? onGenerate(undefined) : false),
      backToBoard: () => void navigate('/curate'),
      openKeys: () => setKeysOpen(true),
    },
    { pageScopes: [PAGE_SCOPE] },
  );

  return (
    <div
      className="grid h-full min-h-0 grid-cols-[minmax(0,1fr)_27rem] grid-rows-[auto_minmax(0,1fr)_auto] text-[14px]"
      data-testid="resample-candidates"
    >
      <header className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5">
        <ResampleHeader report={report} />
      </header>
      <section className="min-h-0 min-w-0 border-r border-slate-300" aria-label="Candidate ECG">
        {candidate ? (
          <RecordPanel
            record={record}
            error={recordQuery.error}
            loading={recordQuery.isLoading}
            recordAvailable={candidate.record.recordAvailable}
            plotStore={plotStore}
            plot={{
              highlights: overlays?.highlights,
              bands: overlays?.bands,
              beatTimesS: overlays?.beats && beatTimesS ? beatTimesS : undefined,
              plotId: 'candidate',
            }}
          >
            <p
              className="border-t border-slate-200 bg-white px-2 py-1 text-[13px]"
              data-testid="candidate-caption"
            >
              ECG {candidate.ecgId}, candidate {candidate.rank} of {report.ranked.length}, margin{' '}
              {formatMargin(candidate.margin)} bin steps:{' '}
              {focusedStep === null ? 'every finding drawn' : `step ${focusedStep + 1} drawn`} (S1,
              S2… tag the steps; solid green: the lead agrees with the path, dashed orange: it does
              not, blue: read with other leads)
            </p>
          </RecordPanel>
        ) : (
          <div className="p-6">
            <Message tone="info" title="No candidate ECG fits this sample">
              None of the {report.rejected.total} ECGs of its source passes the checks (reasons on
              the right). Point RECORDS_DIR at more records, or fix the sample in place.
            </Message>
          </div>
        )}
      </section>
      <aside
        className="min-h-0 space-y-3 overflow-y-auto bg-slate-50 p-2"
        aria-label="Candidate ECGs"
      >
        <div className="flex flex-wrap items-center gap-1">
          <Button
            shortcut="Enter"
            disabled={!candidate || generating}
            onClick={() => candidate && onGenerate(candidate.ecgId)}
            className="!border-[#0072B2] !bg-[#0072B2] !text-white"
          >
            {generating ? 'Generating…' : `Generate on ECG ${candidate?.ecgId ?? '–'}`}
          </Button>
          <Button
            shortcut="T"
            disabled={report.ranked.length === 0 || generating}
            onClick={() => onGenerate(undefined)}
          >
            Take the best
          </Button>
        </div>
        {error && (
          <p role="alert" className="text-[13px] text-ok-problem-ink">
            Not generated: {error.message}
          </p>
        )}
        <p className="text-[12px] text-slate-600">
          Nothing is saved until you compare the generated sample with the old one and press Save.
        </p>
        <h2 className="font-semibold">
          {report.ranked.length} candidate ECG{report.ranked.length === 1 ? '' : 's'}, best first
        </h2>
        <CandidateList ranked={report.ranked} selected={selected} onSelect={setSelected} />
        {candidate && (
          <CandidateFindings
            candidate={candidate}
            focusedStep={focusedStep}
            onFocus={(step) => setFocusedStep((now) => (now === step ? null : step))}
          />
        )}
        <RejectedSummary rejected={report.rejected} />
      </aside>
      <div
        className="col-span-2 flex flex-wrap gap-x-4 border-t border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-600"
        role="status"
      >
        <RecordStatus
          record={record}
          error={recordQuery.error}
          recordAvailable={candidate?.record.recordAvailable ?? false}
          beatTimesS={beatTimesS}
        />
        <span className="ml-auto">
          ↑/↓ candidate · 1–9 one finding · Enter generate · T best · Esc board
        </span>
        <button
          type="button"
          onClick={() => setKeysOpen(true)}
          className="rounded border border-slate-300 px-1.5 hover:bg-slate-100"
        >
          All keys <Kbd>?</Kbd>
        </button>
      </div>
      <ShortcutsDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}

function Resample({ report }: { report: ResampleCandidates }) {
  const generate = useResampleFromTemplate();
  const [preview, setPreview] = useState<ResamplePreview | null>(null);
  const run = (ecgId: string | undefined, seed?: number) =>
    generate.mutate(
      {
        samplePk: report.sample.id,
        baseVersion: report.sample.version,
        body: {
          dryRun: true,
          ...(ecgId ? { ecgId } : {}),
          ...(seed !== undefined ? { seed } : {}),
        },
      },
      { onSuccess: (result) => result.dryRun && setPreview(result) },
    );
  if (preview) {
    return (
      <CompareView
        key={preview.sha256}
        report={report}
        preview={preview}
        header={<ResampleHeader report={report} />}
        drawing={generate.isPending}
        drawError={generate.error}
        onDrawAgain={() => run(preview.candidate.ecgId, (preview.provenance.seed + 1) >>> 0)}
        onBack={() => {
          generate.reset();
          setPreview(null);
        }}
      />
    );
  }
  return (
    <ChooseCandidate
      report={report}
      onGenerate={run}
      generating={generate.isPending}
      error={generate.error}
    />
  );
}

/** Route element for /curate/resample/:sampleId. */
export function ResampleRoute() {
  const { sampleId = '' } = useParams();
  const candidates = useResampleCandidates(sampleId);
  if (candidates.isPending) {
    return (
      <p className="p-6 text-slate-600" role="status">
        Reading and measuring the candidate ECGs…
      </p>
    );
  }
  if (candidates.isError) {
    return (
      <div className="p-6">
        <Message tone="error" title="The candidates could not be listed">
          {candidates.error.message}{' '}
          <Link className="underline" to="/curate">
            Back to the board
          </Link>
        </Message>
      </div>
    );
  }
  return (
    <Resample key={`${sampleId}:${candidates.data.sample.version}`} report={candidates.data} />
  );
}
