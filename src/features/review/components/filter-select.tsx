/** A labelled select for one filter: "any" (undefined) or one of its values. */

/** One filter's select; `value` undefined is "any". */
export function FilterSelect<T extends string>({
  label,
  value,
  options,
  onChange,
  anyText = 'any',
}: {
  label: string;
  value: T | undefined;
  options: readonly { readonly value: T; readonly text: string }[];
  onChange: (value: T | undefined) => void;
  anyText?: string;
}) {
  return (
    <label className="flex flex-col text-[12px] text-slate-600">
      {label}
      <select
        className="mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-[14px] text-slate-900"
        value={value ?? ''}
        onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value)}
      >
        <option value="">{anyText}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}
