/** One axis of the label: its values as a list box named for the axis, numbered for the keys. */
import type { Ref } from 'react';
import type { AxisSpec } from '../label-axes';
import { valueDigit, valueText } from '../label-axes';

/** An axis's values; `highlight` is the value the arrows and type-ahead are on. */
export function AxisListbox({
  axis,
  selected,
  highlight,
  disabled,
  hint,
  listRef,
  onChoose,
  onFocus,
  onBlur,
  children,
}: {
  axis: AxisSpec;
  selected: readonly string[];
  highlight: number | null;
  disabled: boolean;
  /** A sentence under the values (e.g. why a choice was not taken). */
  hint: string | null;
  listRef: Ref<HTMLDivElement>;
  onChoose: (value: string) => void;
  onFocus: () => void;
  onBlur: () => void;
  /** The axis's checks, under its values. */
  children?: React.ReactNode;
}) {
  const id = `axis-${axis.id}`;
  return (
    <section className="border-b border-slate-200 py-1.5" aria-labelledby={`${id}-title`}>
      <h3
        id={`${id}-title`}
        className="flex items-center gap-1 text-[12px] font-semibold text-slate-700"
      >
        <kbd className="rounded border border-slate-300 bg-slate-100 px-1 font-mono text-[11px] uppercase">
          {axis.key}
        </kbd>
        {axis.name}
        <span className="font-normal text-slate-500">{axis.kind === 'set' ? '(set)' : ''}</span>
      </h3>
      <div
        ref={listRef}
        role="listbox"
        aria-label={axis.name}
        aria-multiselectable={axis.kind === 'set'}
        aria-disabled={disabled}
        aria-activedescendant={highlight === null ? undefined : `${id}-${highlight}`}
        tabIndex={0}
        onFocus={onFocus}
        onBlur={onBlur}
        data-axis={axis.id}
        className="mt-1 flex flex-wrap gap-1 rounded outline-none focus-visible:ring-2 focus-visible:ring-[#0072B2] focus-visible:ring-offset-1"
      >
        {axis.values.map((value, index) => {
          const on = selected.includes(value);
          const digit = valueDigit(index);
          return (
            <div
              key={value}
              id={`${id}-${index}`}
              role="option"
              aria-selected={on}
              onClick={() => !disabled && onChoose(value)}
              className={`cursor-default rounded border px-1.5 py-px text-[13px] ${
                on
                  ? 'border-[#0072B2] bg-[#0072B2] font-medium text-white'
                  : 'border-slate-300 bg-white text-slate-800'
              } ${highlight === index ? 'outline-2 outline-offset-1 outline-[#E69F00]' : ''}`}
            >
              {digit !== null && (
                <span
                  className={`mr-1 font-mono text-[11px] ${on ? 'text-blue-100' : 'text-slate-500'}`}
                >
                  {digit}
                </span>
              )}
              {on && axis.kind === 'set' ? '✓ ' : ''}
              {valueText(value)}
            </div>
          );
        })}
      </div>
      {hint && <p className="mt-1 text-[12px] text-slate-600">{hint}</p>}
      {children}
    </section>
  );
}
