/**
 * One sample as a model answered it: the ECG with the right answer and the model's reply drawn
 * side by side for the selected grounding question, and the chain with every reply and verdict.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import { useEcgRecord } from '../../../ecg/api/get-ecg-record';
import { EcgPlot } from '../../../plot/ecg-plot';
import type { AnswerDetail } from '../../../schemas/api/evaluation';
import { useAnswerDetail } from '../api/evaluation-api';
import { chainSteps, type ChainStep } from '../chain-steps';
import { drilldownOverlays } from '../drilldown-overlays';
import { dxName } from './chart-style';

const NONE: readonly never[] = [];

function Verdict({ correct }: { correct: boolean | null }) {
  if (correct === null) return <span className="text-slate-600">not scored</span>;
  return correct ? (
    <span className="font-semibold text-ok-right-ink">✓ right</span>
  ) : (
    <span className="font-semibold text-ok-problem-ink">✗ wrong</span>
  );
}

function StepRow({
  step,
  selected,
  onSelect,
}: {
  step: ChainStep;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        aria-current={selected ? 'step' : undefined}
        onClick={onSelect}
        className={`w-full border-l-4 px-3 py-1.5 text-left ${selected ? 'border-ok-selected bg-sky-50' : 'border-transparent hover:bg-slate-50'}`}
      >
        <span className="flex items-baseline gap-2 text-[12px] uppercase tracking-wide text-slate-600">
          {step.loop === null ? 'IDQ' : `Loop ${step.loop + 1}`} · {step.kind}
          <span className="ml-auto normal-case tracking-normal">
            <Verdict correct={step.correct} />
          </span>
        </span>
        <span className="block text-[13px]">{step.question}</span>
        <span className="mt-0.5 block text-[13px]">
          <span className="text-slate-600">Right answer: </span>
          <span className="text-ok-right-ink">{step.answer}</span>
        </span>
        <span className="block text-[13px]">
          <span className="text-slate-600">Model: </span>
          <span className="whitespace-pre-wrap text-ok-selected">{step.reply ?? '(no reply)'}</span>
        </span>
      </button>
    </li>
  );
}

function Drilldown({
  detail,
  initial,
}: {
  detail: AnswerDetail;
  initial: { loop: number | null; item: number | null };
}) {
  const steps = useMemo(() => chainSteps(detail), [detail]);
  const start = Math.max(
    0,
    steps.findIndex(
      (s) => s.loop === initial.loop && (initial.item === null || s.item === initial.item),
    ),
  );
  const [index, setIndex] = useState(start);
  const record = useEcgRecord(
    detail.ecg.recordAvailable ? detail.ecg.source : undefined,
    detail.ecg.ecgId,
  );
  const step = steps[index]!;
  const overlays = useMemo(
    () => (step.grounding ? drilldownOverlays(step.grounding, step.reply) : null),
    [step],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (e.key === 'j' || e.key === 'J') setIndex((i) => Math.min(steps.length - 1, i + 1));
      if (e.key === 'k' || e.key === 'K') setIndex((i) => Math.max(0, i - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [steps.length]);

  const meta = detail.sample.metadata;
  return (
    <div className="flex h-full flex-col" data-testid="answer-drilldown">
      <div className="flex flex-wrap items-baseline gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <Link to="/analytics" className="text-[13px] underline">
          ← Analytics
        </Link>
        <h1 className="text-base font-semibold">
          Sample {meta.id} · {dxName(meta.target_dx)} ({meta.dx_label ? 'present' : 'absent'}) · ECG{' '}
          {meta.ecg_id}
        </h1>
        <span className="text-[13px] text-slate-600">
          {detail.run.model} ({detail.run.mode})
        </span>
        {detail.stale && (
          <span className="text-[13px] text-ok-problem-ink">
            The sample changed since these replies were scored (version {detail.sampleVersion}{' '}
            then).
          </span>
        )}
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1 p-2">
          {!detail.ecg.recordAvailable && (
            <Message tone="error" title="No ECG record for this sample" />
          )}
          {record.isError && (
            <Message tone="error" title="The ECG record could not be loaded">
              {record.error.message}
            </Message>
          )}
          {record.data && (
            <EcgPlot
              record={record.data}
              bands={overlays?.bands ?? NONE}
              highlights={overlays?.highlights ?? NONE}
              className="h-full"
            />
          )}
        </div>
        <aside
          aria-label="The chain"
          className="flex w-[440px] flex-col border-l border-slate-200 bg-white"
        >
          <div className="border-b border-slate-200 px-3 py-1.5 text-[13px] text-slate-600">
            On the plot: <span className="text-ok-right-ink">green, solid: right answer</span>;{' '}
            <span className="text-ok-selected">blue: the model's reply</span>. <Kbd>J</Kbd>/
            <Kbd>K</Kbd> next / previous question.
            {overlays?.note && <p className="mt-1 text-slate-800">{overlays.note}</p>}
          </div>
          <ol className="min-h-0 flex-1 overflow-auto">
            {steps.map((s, i) => (
              <StepRow key={s.id} step={s} selected={i === index} onSelect={() => setIndex(i)} />
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}

/** Route element for /analytics/runs/:runId/samples/:samplePk (?loop=&item= selects a question). */
export function AnswerDrilldownRoute() {
  const { runId = '', samplePk = '' } = useParams();
  const [search] = useSearchParams();
  const detail = useAnswerDetail(runId, samplePk);
  const number = (key: string) => (search.get(key) === null ? null : Number(search.get(key)));
  if (detail.isPending) return <p className="p-4 text-slate-500">Loading the answer…</p>;
  if (detail.isError)
    return (
      <div className="p-4">
        <Message tone="error" title="Could not load this answer">
          {detail.error.message}
        </Message>
      </div>
    );
  return (
    <Drilldown
      key={`${runId}/${samplePk}`}
      detail={detail.data}
      initial={{ loop: number('loop'), item: number('item') }}
    />
  );
}
