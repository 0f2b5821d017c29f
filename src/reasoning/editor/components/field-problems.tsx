/** The write gate's problems beside the field they are about: errors and warnings, in words. */
import type { Problem } from '../../../schemas/issues';

/** Lists problems (nothing when there are none); each names its rule, as `validate` does. */
export function FieldProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="mt-0.5 space-y-0.5 text-[12px]" data-testid="field-problems">
      {problems.map((p, i) => (
        <li
          key={`${p.rule}-${i}`}
          className={p.severity === 'error' ? 'text-[#b34700]' : 'text-slate-600'}
        >
          <span aria-hidden>{p.severity === 'error' ? '✗ ' : '⚠ '}</span>
          <span className="font-semibold">
            {p.severity === 'error' ? 'Error' : 'Warning'}:
          </span>{' '}
          {p.message} <span className="font-mono text-slate-500">[{p.rule}]</span>
        </li>
      ))}
    </ul>
  );
}
