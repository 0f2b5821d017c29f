/** A question's options as a list: right ones marked with a check and the words "right answer". */
import { optionLetter } from '../grounding-overlays';

/** Lists options A, B, C... with each right one ticked (mark + text + colour, never colour alone). */
export function QuestionOptions({
  options,
  rightIdx,
}: {
  options: readonly string[];
  rightIdx: readonly number[];
}) {
  return (
    <ol className="mt-1 space-y-0.5">
      {options.map((text, i) => {
        const right = rightIdx.includes(i);
        return (
          <li
            key={i}
            className={`flex gap-1.5 rounded px-1 ${right ? 'bg-emerald-50 font-medium text-ok-right-ink' : 'text-slate-700'}`}
          >
            <span className="w-4 shrink-0 font-mono text-slate-500">{optionLetter(i)}</span>
            <span className="w-3 shrink-0" aria-hidden>
              {right ? '✓' : ''}
            </span>
            <span>
              {text}
              {right && <span className="sr-only"> (right answer)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
