/** The sample view: metadata and navigation on top, the plot in the middle, the steps on the right. */
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import { ShortcutsDialog } from '../../../components/ui/shortcuts-dialog';
import { beatTimesFromMeasurements } from '../../../plot/beats';
import { PLOT_SHORTCUTS } from '../../../plot/plot-shortcuts';
import { createPlotStore } from '../../../plot/viewport-store';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { ApiRequestError } from '../../../lib/api-client';
import { useEcgRecord } from '../api/get-ecg-record';
import { useSample } from '../api/get-sample';
import { useSampleNeighbours } from '../api/get-sample-neighbours';
import { usePrefetchNeighbours } from '../api/prefetch-neighbours';
import { appMeasurement } from '../../../reasoning/app-measurement';
import { groundingOverlays, measurementContext } from '../../../reasoning/grounding-overlays';
import { SAMPLE_VIEW_SHORTCUTS } from '../sample-shortcuts';
import { useSampleViewStore } from '../sample-view-store';
import { useRecordMeasurements } from '../use-record-measurements';
import { RecordPanel } from './record-panel';
import { StepCard } from './step-card';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';

/** Route element for /samples/:id. */
export function SampleViewRoute() {
  const { id = '' } = useParams();
  return <SampleView sampleId={id} />;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** One sample, step by step over its ECG. */
export function SampleView({ sampleId }: { sampleId: string }) {
  const navigate = useNavigate();
  const sampleQuery = useSample(sampleId);
  const neighbours = useSampleNeighbours(sampleId).data;
  const detail = sampleQuery.data;
  const sample: BenchmarkSampleV002 | undefined = detail?.sample;
  const recordQuery = useEcgRecord(
    detail?.ecg.recordAvailable ? detail.ecg.source : undefined,
    detail?.ecg.ecgId,
  );
  const record = recordQuery.data;
  const [plotStore] = useState(() => createPlotStore());
  const view = useSampleViewStore();
  const steps = useMemo(() => sample?.data.reasoning ?? [], [sample]);

  // Layout effects: a prefetched sample opens in the same commit as its record, and the plot
  // must not show the last sample's step overlays or calipers on it, even for one frame.
  useLayoutEffect(() => {
    if (sample)
      useSampleViewStore
        .getState()
        .open(sampleId, sample.data.reasoning[0]?.ecg_grounding.length ?? 0);
  }, [sample, sampleId]);
  useLayoutEffect(() => plotStore.getState().clearCalipers(), [sampleId, plotStore]);

  const measurements =
    useRecordMeasurements(
      record,
      detail?.ecg.recordAvailable ? detail.ecg.source : undefined,
      detail?.ecg.ecgId,
    ).data ?? null;
  const beatTimesS = useMemo(
    () => (measurements ? beatTimesFromMeasurements(measurements) : null),
    [measurements],
  );
  const activeGrounding = view.grounding
    ? steps[view.grounding.step]?.ecg_grounding[view.grounding.index]
    : undefined;
  const overlays = useMemo(() => {
    if (!activeGrounding || !view.grounding) return null;
    const own = groundingOverlays(activeGrounding, beatTimesS);
    const context = measurementContext(
      steps[view.grounding.step]?.ecg_grounding ?? [],
      view.grounding.index,
    );
    return {
      ...own,
      bands: [...context.bands, ...own.bands],
      highlights: [...context.highlights, ...own.highlights],
    };
  }, [activeGrounding, beatTimesS, steps, view.grounding]);
  const measurement = useMemo(
    () =>
      view.grounding && measurements
        ? appMeasurement(
            steps[view.grounding.step]?.ecg_grounding ?? [],
            view.grounding.index,
            measurements,
          )
        : null,
    [view.grounding, measurements, steps],
  );
  const usesBeats = activeGrounding?.options.some((o) => o.includes('QRS wave')) ?? false;

  const prevId = neighbours?.previous ?? undefined;
  const nextId = neighbours?.next ?? undefined;
  usePrefetchNeighbours([nextId, prevId]);
  const [keysOpen, setKeysOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const s = useSampleViewStore.getState();
      const groundingsIn = (i: number) => steps[i]?.ecg_grounding.length ?? 0;
      const key = e.key;
      let handled = true;
      if ((key === 'J' && e.shiftKey) || key === ']') {
        if (nextId) void navigate(`/samples/${nextId}`);
      } else if ((key === 'K' && e.shiftKey) || key === '[') {
        if (prevId) void navigate(`/samples/${prevId}`);
      } else if (key === 'j') s.goToStep(s.stepIndex + 1, steps.length, groundingsIn);
      else if (key === 'k') s.goToStep(s.stepIndex - 1, steps.length, groundingsIn);
      else if (/^[1-9]$/.test(key) && Number(key) <= groundingsIn(s.stepIndex))
        s.selectGrounding({ step: s.stepIndex, index: Number(key) - 1 });
      else if (key === 'b') s.toggleBeats();
      else if (key === '?') setKeysOpen(true);
      else if (key === 'Escape' && s.grounding) s.selectGrounding(null);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [steps, nextId, prevId, navigate]);

  if (sampleQuery.error) {
    const e = sampleQuery.error;
    const title =
      e instanceof ApiRequestError && e.status === 404
        ? `No sample with id ${sampleId}`
        : e instanceof ApiRequestError && e.status === 401
          ? 'Sign in to see samples'
          : 'The sample could not be loaded';
    return (
      <div className="p-6">
        <Message tone="error" title={title}>
          {e.message}
        </Message>
      </div>
    );
  }
  if (!detail || !sample)
    return (
      <p className="p-6 text-slate-600" role="status">
        Loading sample…
      </p>
    );

  const m = sample.metadata;
  const q = sample.data.initial_diagnostic_question;
  return (
    <div
      className="grid h-full min-h-0 grid-cols-[minmax(0,1fr)_26rem] grid-rows-[auto_minmax(0,1fr)_auto] text-[14px]"
      data-testid="sample-view"
    >
      <header className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5">
        <h1 className="font-semibold">
          Sample {m.id} · {targetDxName(m.target_dx)}
        </h1>
        <dl className="flex flex-wrap gap-x-3 text-slate-600" aria-label="Sample metadata">
          <div>
            <dt className="inline">Source </dt>
            <dd className="inline font-medium text-slate-800">{m.data_source}</dd>
          </div>
          <div>
            <dt className="inline">ECG </dt>
            <dd className="inline font-medium text-slate-800">{m.ecg_id}</dd>
          </div>
          <div>
            <dt className="inline">Label </dt>
            <dd className="inline font-medium text-slate-800">
              {m.dx_label ? 'present (Yes)' : 'absent (No)'}
            </dd>
          </div>
          <div>
            <dt className="inline">Path </dt>
            <dd className="inline font-medium text-slate-800">{m.path_idx}</dd>
          </div>
          {m.subject_id && (
            <div>
              <dt className="inline">Subject </dt>
              <dd className="inline font-medium text-slate-800">{m.subject_id}</dd>
            </div>
          )}
        </dl>
        <nav className="ml-auto flex items-center gap-1" aria-label="Samples">
          <Button
            shortcut="["
            disabled={!prevId}
            onClick={() => prevId && void navigate(`/samples/${prevId}`)}
          >
            ‹ Previous sample
          </Button>
          <span className="tabular-nums text-slate-500">
            {neighbours ? `${neighbours.position} / ${neighbours.total}` : ''}
          </span>
          <Button
            shortcut="]"
            disabled={!nextId}
            onClick={() => nextId && void navigate(`/samples/${nextId}`)}
          >
            Next sample ›
          </Button>
        </nav>
      </header>
      <main className="min-h-0 min-w-0 border-r border-slate-300">
        <RecordPanel
          record={record}
          error={recordQuery.error}
          loading={recordQuery.isLoading}
          recordAvailable={detail.ecg.recordAvailable}
          overlays={overlays}
          beatTimesS={beatTimesS}
          showBeats={view.showBeats || usesBeats}
          plotStore={plotStore}
          measurement={measurement}
        />
      </main>
      <aside className="min-h-0 overflow-y-auto bg-slate-50 p-2" aria-label="Reasoning steps">
        <section className="rounded border border-slate-200 bg-white p-2">
          <h2 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
            Initial question
          </h2>
          <p>{q.question}</p>
          <p className="mt-0.5">
            Answer: <strong>{q.answer}</strong>
          </p>
        </section>
        <div className="mt-2 flex items-center gap-1">
          <Button
            shortcut="K"
            disabled={view.stepIndex === 0}
            onClick={() =>
              view.goToStep(
                view.stepIndex - 1,
                steps.length,
                (i) => steps[i]?.ecg_grounding.length ?? 0,
              )
            }
          >
            Previous step
          </Button>
          <Button
            shortcut="J"
            disabled={view.stepIndex >= steps.length - 1}
            onClick={() =>
              view.goToStep(
                view.stepIndex + 1,
                steps.length,
                (i) => steps[i]?.ecg_grounding.length ?? 0,
              )
            }
          >
            Next step
          </Button>
          <Button shortcut="B" pressed={view.showBeats} onClick={view.toggleBeats}>
            Beats
          </Button>
        </div>
        <div className="mt-2 space-y-2">
          {steps.map((step, i) => (
            <StepCard
              key={i}
              step={step}
              index={i}
              count={steps.length}
              open={i === view.stepIndex}
              grounding={view.grounding}
              onOpen={() =>
                view.goToStep(i, steps.length, (k) => steps[k]?.ecg_grounding.length ?? 0)
              }
              onSelectGrounding={(ref) =>
                view.selectGrounding(
                  view.grounding?.step === ref.step && view.grounding.index === ref.index
                    ? null
                    : ref,
                )
              }
            />
          ))}
        </div>
      </aside>
      <footer
        className="col-span-2 flex flex-wrap gap-x-4 border-t border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-600"
        role="status"
      >
        <span>Version {detail.version}</span>
        <span>Updated {new Date(detail.updatedAt).toLocaleString()}</span>
        <span>
          {record
            ? `Record ${record.recordName}: ${record.signals.length} leads, ${record.fsHz} Hz, ${(record.nSamples / record.fsHz).toFixed(1)} s${record.verified ? ', checksums verified' : ', checksums NOT verified'}`
            : recordQuery.error
              ? 'Record: error'
              : detail.ecg.recordAvailable
                ? 'Record: loading'
                : 'Record: not available'}
        </span>
        {beatTimesS && <span>{beatTimesS.length} beats detected</span>}
        <span className="ml-auto">
          J/K step · [ ] or Shift+J/K sample · 1–9 grounding · B beats · Esc clear
        </span>
        <button
          type="button"
          onClick={() => setKeysOpen(true)}
          className="rounded border border-slate-300 px-1.5 hover:bg-slate-100"
        >
          All keys <Kbd>?</Kbd>
        </button>
      </footer>
      {/* Outside the status footer: a modal is not a live region's content. */}
      <ShortcutsDialog
        open={keysOpen}
        onClose={() => setKeysOpen(false)}
        groups={[SAMPLE_VIEW_SHORTCUTS, PLOT_SHORTCUTS]}
      />
    </div>
  );
}
