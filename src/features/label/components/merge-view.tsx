/** A 412 on the label: mine and theirs field by field; nothing is dropped without a choice. */
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { Conflict } from '../../../lib/autosave';
import type { DraftLabel } from '../../../schemas/dense-label';
import type { LabelDoc } from '../api/ecg-workbench';
import { valueText } from '../label-axes';
import { orderedDraft } from '../label-edits';

type Field = keyof DraftLabel | 'status';

const FIELDS: readonly (readonly [Field, string])[] = [
  ['rate', 'Rate'],
  ['rhythm', 'Rhythm'],
  ['axis', 'Axis'],
  ['conduction', 'Conduction'],
  ['ischemia', 'Ischemia'],
  ['other_findings', 'Other findings'],
  ['diagnosis', 'Diagnosis'],
  ['status', 'Status'],
];

function valueOf(doc: LabelDoc, field: Field): unknown {
  return field === 'status' ? doc.status : doc.content[field];
}

function words(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map(valueText).join(', ');
  if (typeof value === 'object' && value !== null) {
    const { stage, territory } = value as { stage: string; territory: string[] };
    return `${valueText(stage)}; ${territory.map(valueText).join(', ') || '(no territory)'}`;
  }
  return valueText(String(value));
}

/** The fields where mine and theirs differ. */
export function differingFields(conflict: Conflict<LabelDoc>): Field[] {
  return FIELDS.map(([field]) => field).filter(
    (field) =>
      JSON.stringify(valueOf(conflict.mine, field)) !==
      JSON.stringify(valueOf(conflict.theirs, field)),
  );
}

/** The merge of mine and theirs by the choice made for each differing field. */
export function mergedDoc(
  conflict: Conflict<LabelDoc>,
  choices: Partial<Record<Field, 'mine' | 'theirs'>>,
): LabelDoc {
  const content: Record<string, unknown> = { ...conflict.theirs.content };
  let status = conflict.theirs.status;
  for (const field of differingFields(conflict)) {
    const from = choices[field] === 'mine' ? conflict.mine : conflict.theirs;
    if (field === 'status') status = from.status;
    else if (from.content[field] === undefined) delete content[field];
    else content[field] = from.content[field];
  }
  return { status, content: orderedDraft(content as DraftLabel) };
}

/** The merge view: pick mine or theirs for each differing field, then save the merge. */
export function MergeView({
  conflict,
  onResolve,
}: {
  conflict: Conflict<LabelDoc>;
  onResolve: (merged: LabelDoc) => void;
}) {
  const fields = differingFields(conflict);
  const [choices, setChoices] = useState<Partial<Record<Field, 'mine' | 'theirs'>>>({});
  const missing = fields.filter((f) => !choices[f]);
  const all = (side: 'mine' | 'theirs') =>
    setChoices(Object.fromEntries(fields.map((f) => [f, side])));
  return (
    <section
      className="rounded border-2 border-[#D55E00] bg-white p-2"
      aria-labelledby="merge-title"
      data-testid="merge-view"
    >
      <h2 id="merge-title" className="font-semibold">
        Conflict: this label was saved elsewhere (version {conflict.theirsVersion})
      </h2>
      <p className="text-[13px] text-slate-700">
        Another tab or session saved it after your version {conflict.baseVersion}. Choose, for each
        field that differs, your value or theirs; nothing is saved until every field has a choice.
      </p>
      <div className="my-1 flex gap-1">
        <Button onClick={() => all('mine')}>Keep all mine</Button>
        <Button onClick={() => all('theirs')}>Take all theirs</Button>
      </div>
      <table className="w-full text-[13px]">
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-0.5">Field</th>
            <th>Mine</th>
            <th>Theirs</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const label = FIELDS.find(([f]) => f === field)![1];
            return (
              <tr key={field} className="border-t border-slate-200 align-top">
                <th scope="row" className="py-1 pr-1 text-left font-medium">
                  {label}
                </th>
                {(['mine', 'theirs'] as const).map((side) => (
                  <td key={side} className="py-1 pr-1">
                    <label className="flex items-start gap-1">
                      <input
                        type="radio"
                        name={`merge-${field}`}
                        aria-label={`${label}: ${side}`}
                        checked={choices[field] === side}
                        onChange={() => setChoices((c) => ({ ...c, [field]: side }))}
                      />
                      <span>{words(valueOf(conflict[side], field))}</span>
                    </label>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="mt-2 flex items-center gap-2">
        <Button
          disabled={missing.length > 0}
          onClick={() => onResolve(mergedDoc(conflict, choices))}
        >
          Save the merge
        </Button>
        {missing.length > 0 && (
          <span className="text-[12px] text-slate-600">
            {missing.length} field{missing.length === 1 ? '' : 's'} still to choose
          </span>
        )}
      </div>
    </section>
  );
}
