/** One grounding question: its options, and a button that draws them on the plot. */
import type { GroundingV002 } from '../../schemas/benchmark-sample';
import { QuestionOptions } from './question-options';

const TYPE_TEXT = {
  lead_grounding: 'Leads',
  wave_grounding: 'Time window',
  measurement_grounding: 'Measurement',
} as const;

/** A grounding question card; selecting it draws its options on the plot. */
export function GroundingCard({
  grounding,
  number,
  selected,
  onSelect,
}: {
  grounding: GroundingV002;
  number: number;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <div
      className={`rounded border p-2 ${selected ? 'border-ok-selected bg-sky-50' : 'border-slate-200 bg-white'}`}
    >
      <button
        type="button"
        aria-pressed={selected}
        onClick={onSelect}
        className="flex w-full items-start gap-2 text-left"
        data-testid={`grounding-${grounding.question_type}`}
      >
        <span
          className="mt-0.5 rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-600"
          title={`Press ${number} to draw`}
        >
          {number}
        </span>
        <span>
          <span className="mr-1 text-[11px] font-semibold uppercase tracking-wide text-slate-600">
            {TYPE_TEXT[grounding.question_type]}
            {selected ? ' · on plot' : ''}
          </span>
          <span className="block">{grounding.question}</span>
        </span>
      </button>
      <QuestionOptions options={grounding.options} rightIdx={grounding.answer_idx} />
    </div>
  );
}
