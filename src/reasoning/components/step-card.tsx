/** One reasoning step: criterion, finding, grounding questions and the decision. */
import type { StepV002 } from '../../schemas/benchmark-sample';
import type { GroundingRef } from '../reasoning-store';
import { GroundingCard } from './grounding-card';
import { QuestionOptions } from './question-options';

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-2">
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </section>
  );
}

/** A step card; collapsed to its criterion answer unless it is the open step. */
export function StepCard({
  step,
  index,
  count,
  open,
  grounding,
  onOpen,
  onSelectGrounding,
}: {
  step: StepV002;
  index: number;
  count: number;
  open: boolean;
  grounding: GroundingRef | null;
  onOpen: () => void;
  onSelectGrounding: (ref: GroundingRef) => void;
}) {
  const c = step.criterion_selection;
  const f = step.finding_identification;
  const d = step.diagnostic_decision;
  return (
    <article
      aria-current={open ? 'step' : undefined}
      className={`rounded border bg-white ${open ? 'border-slate-400 shadow-sm' : 'border-slate-200'}`}
      data-testid={`step-${index + 1}`}
    >
      <button
        type="button"
        onClick={onOpen}
        className="flex w-full items-baseline gap-2 px-2 py-1.5 text-left"
      >
        <span className="font-semibold whitespace-nowrap">
          Step {index + 1} of {count}
        </span>
        <span className="truncate text-slate-600">{c.answer}</span>
      </button>
      {open && (
        <div className="border-t border-slate-100 px-2 pb-2">
          <Part title="Criterion">
            <p>{c.question}</p>
            <QuestionOptions options={c.options} rightIdx={[c.answer_idx]} />
          </Part>
          <Part title="Finding">
            <p>{f.question}</p>
            <p className="mt-0.5">
              Answer: <strong>{f.answer}</strong>
            </p>
          </Part>
          {step.ecg_grounding.length > 0 && (
            <Part title={`Grounding (${step.ecg_grounding.length})`}>
              <div className="mt-1 space-y-1.5">
                {step.ecg_grounding.map((g, i) => (
                  <GroundingCard
                    key={i}
                    grounding={g}
                    number={i + 1}
                    selected={grounding?.step === index && grounding.index === i}
                    onSelect={() => onSelectGrounding({ step: index, index: i })}
                  />
                ))}
              </div>
            </Part>
          )}
          <Part title="Decision">
            <p>{d.question}</p>
            <p className="mt-0.5">
              Answer: <strong>{d.answer}</strong>
            </p>
          </Part>
        </div>
      )}
    </article>
  );
}
