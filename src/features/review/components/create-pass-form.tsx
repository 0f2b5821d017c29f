/**
 * A curator makes a pass: a name, the samples (a filter, or a pasted list of ids such as
 * "ptbxl:12"), single or blind double review, and the reviewers. Checked with the shared schema
 * before it is sent; the server's answer names any sample it could not find.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Segmented } from '../../../components/ui/segmented';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import { formatPath } from '../../../schemas/issues';
import type {
  CreateReviewPassInput,
  ReviewMode,
  ReviewPassFilter,
} from '../../../schemas/api/review';
import { CreateReviewPassRequestSchema } from '../../../schemas/api/review';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import { useAssignableReviewers, useCreateReviewPass } from '../api/passes';
import { errorText } from '../error-text';
import { FilterSelect } from './filter-select';

/** The samples a pasted list names: ids split on spaces, commas, semicolons or lines. */
export function parseSampleList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((s) => s.length > 0);
}

const inputClass = 'mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-[14px] text-slate-900';

/** The new-pass form. */
export function CreatePassForm() {
  const navigate = useNavigate();
  const reviewers = useAssignableReviewers();
  const create = useCreateReviewPass();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [selection, setSelection] = useState<'filter' | 'ids'>('filter');
  const [filter, setFilter] = useState<ReviewPassFilter>({});
  const [pathText, setPathText] = useState('');
  const [idsText, setIdsText] = useState('');
  const [mode, setMode] = useState<ReviewMode>('single');
  const [reviewerIds, setReviewerIds] = useState<readonly string[]>([]);
  const [problems, setProblems] = useState<readonly string[]>([]);

  const setPart = <K extends keyof ReviewPassFilter>(key: K, value: ReviewPassFilter[K]) => {
    const next = { ...filter, [key]: value };
    if (value === undefined) delete next[key];
    setFilter(next);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const path = pathText.trim() === '' ? undefined : Number(pathText);
    const input: CreateReviewPassInput = {
      name,
      description,
      mode,
      reviewerIds: [...reviewerIds],
      ...(selection === 'ids'
        ? { samples: parseSampleList(idsText) }
        : { filter: { ...filter, ...(path === undefined ? {} : { pathIdx: path }) } }),
    };
    const checked = CreateReviewPassRequestSchema.safeParse(input);
    if (!checked.success) {
      setProblems(
        checked.error.issues.map((i) => `${formatPath(i.path) || 'the pass'}: ${i.message}`),
      );
      return;
    }
    setProblems([]);
    create.mutate(input, { onSuccess: (pass) => void navigate(`/review/${pass.id}`) });
  };

  const toggleReviewer = (id: string) =>
    setReviewerIds(
      reviewerIds.includes(id) ? reviewerIds.filter((x) => x !== id) : [...reviewerIds, id],
    );

  return (
    <form
      onSubmit={submit}
      aria-label="New review pass"
      className="space-y-2 rounded border border-slate-300 bg-white p-3"
    >
      <h2 className="font-semibold">New review pass</h2>
      <label className="flex flex-col text-[12px] text-slate-600">
        Name
        <input className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="flex flex-col text-[12px] text-slate-600">
        Description (optional)
        <input
          className={inputClass}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <Segmented
        label="Samples"
        value={selection}
        options={[
          { value: 'filter', text: 'By filter' },
          { value: 'ids', text: 'List of ids' },
        ]}
        onChange={setSelection}
      />
      {selection === 'filter' ? (
        <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Sample filter">
          <FilterSelect
            label="Source"
            value={filter.dataSource}
            options={DATA_SOURCES.map((s) => ({ value: s, text: s }))}
            onChange={(v) => setPart('dataSource', v)}
          />
          <FilterSelect
            label="Diagnosis"
            value={filter.targetDx}
            options={TARGET_DX.map((dx) => ({ value: dx, text: targetDxName(dx) }))}
            onChange={(v) => setPart('targetDx', v)}
          />
          <FilterSelect
            label="Label"
            value={filter.dxLabel === undefined ? undefined : String(filter.dxLabel)}
            options={[
              { value: 'true', text: 'present' },
              { value: 'false', text: 'absent' },
            ]}
            onChange={(v) => setPart('dxLabel', v === undefined ? undefined : v === 'true')}
          />
          <label className="flex flex-col text-[12px] text-slate-600">
            Path
            <input
              className={`${inputClass} w-16`}
              inputMode="numeric"
              value={pathText}
              placeholder="any"
              onChange={(e) => setPathText(e.target.value)}
            />
          </label>
          <FilterSelect
            label="Status"
            value={
              filter.status === 'active' || filter.status === 'review' ? filter.status : undefined
            }
            options={[
              { value: 'active', text: 'active' },
              { value: 'review', text: 'waiting for review' },
            ]}
            onChange={(v) => setPart('status', v)}
          />
          <FilterSelect
            label="Pre-flags"
            value={filter.preflag === 'any' ? undefined : filter.preflag}
            options={[
              { value: 'flagged', text: 'pre-flagged only' },
              { value: 'clean', text: 'without pre-flags' },
            ]}
            onChange={(v) => setPart('preflag', v)}
          />
        </div>
      ) : (
        <label className="flex flex-col text-[12px] text-slate-600">
          Sample ids, e.g. ptbxl:12 (one per line, or separated by spaces or commas)
          <textarea
            className={`${inputClass} font-mono`}
            rows={4}
            value={idsText}
            onChange={(e) => setIdsText(e.target.value)}
          />
          <span className="mt-0.5">{parseSampleList(idsText).length} ids</span>
        </label>
      )}
      <Segmented
        label="Review"
        value={mode}
        options={[
          { value: 'single', text: 'Single' },
          { value: 'blind_double', text: 'Blind double' },
        ]}
        onChange={setMode}
      />
      <p className="text-[12px] text-slate-600">
        {mode === 'single'
          ? 'Each sample goes to one reviewer (loads balanced); with no reviewer picked, every reviewer may judge every sample.'
          : 'Each sample goes to two reviewers, neither seeing the other’s verdicts until the pass closes. Pick at least two.'}
      </p>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="text-[12px] text-slate-600">Reviewers</legend>
        {(reviewers.data ?? []).map((r) => (
          <label key={r.id} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={reviewerIds.includes(r.id)}
              onChange={() => toggleReviewer(r.id)}
            />
            {r.username}
          </label>
        ))}
        {reviewers.data?.length === 0 && (
          <span className="text-slate-600">No reviewer accounts yet: an admin creates them.</span>
        )}
      </fieldset>
      {(problems.length > 0 || create.error) && (
        <div role="alert" className="text-[13px] text-[var(--color-problem)]">
          <p className="font-semibold">The pass was not created:</p>
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {create.error && <li>{errorText(create.error)}</li>}
          </ul>
        </div>
      )}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create the pass'}
      </Button>
    </form>
  );
}
