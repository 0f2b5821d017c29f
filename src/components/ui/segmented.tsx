/** A labelled group of mutually exclusive choices (radio semantics, compact buttons). */
export interface SegmentedProps<T extends string | number> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly text: string }[];
  readonly onChange: (value: T) => void;
}

/** Radio-group of compact buttons; the chosen one is filled and marked aria-checked. */
export function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: SegmentedProps<T>) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex items-center gap-1">
      <span className="text-[12px] text-slate-500">{label}</span>
      <div className="inline-flex overflow-hidden rounded border border-slate-300">
        {options.map((o) => (
          <button
            key={String(o.value)}
            type="button"
            role="radio"
            aria-checked={o.value === value}
            onClick={() => onChange(o.value)}
            className={`px-1.5 py-0.5 text-[12px] tabular-nums ${o.value === value ? 'bg-slate-800 text-white' : 'bg-white text-slate-700 hover:bg-slate-100'}`}
          >
            {o.text}
          </button>
        ))}
      </div>
    </div>
  );
}
