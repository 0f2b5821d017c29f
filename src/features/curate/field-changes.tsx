/** Every field that differs between two versions of a sample, with both values, on demand. */
import type { ChangedFieldResponse } from '../../schemas/api/curation';

/** A field's value as a line of text: lists joined, objects as JSON, absence as a dash. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.map((v) => String(v)).join(' | ');
  return JSON.stringify(value);
}

/** A disclosure listing the changed fields (path, before, after). */
export function FieldChanges({
  changes,
  summary = `Every changed field (${changes.length})`,
}: {
  changes: readonly ChangedFieldResponse[];
  summary?: string;
}) {
  return (
    <details className="min-w-0 flex-1 text-[12px]" data-testid="field-changes">
      <summary className="cursor-pointer text-slate-700">{summary}</summary>
      <div
        className="max-h-56 overflow-auto"
        tabIndex={0}
        role="region"
        aria-label="Changed fields"
      >
        <table className="w-full border-collapse text-left">
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th className="px-1.5 py-0.5 font-medium">Field</th>
              <th className="px-1.5 py-0.5 font-medium">Now</th>
              <th className="px-1.5 py-0.5 font-medium">Generated</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path} className="border-t border-slate-100 align-top">
                <td className="px-1.5 py-0.5 font-mono whitespace-nowrap">{c.path}</td>
                <td className="px-1.5 py-0.5 text-slate-700">{fieldText(c.before)}</td>
                <td className="px-1.5 py-0.5">{fieldText(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
