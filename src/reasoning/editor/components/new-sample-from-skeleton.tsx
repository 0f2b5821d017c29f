/**
 * Starting a new sample on an ECG from another sample's skeleton: pick the diagnosis, label and
 * path (a sample of that cell lends its questions), see what the grounding recomputed for this
 * ECG came to, and create it (the server gives it the next id of the ECG's source; it waits for
 * review). Then it opens in the chain editor.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { sampleFromSkeleton, type SkeletonCopy } from '../../../domain/benchmark/edit';
import { TARGET_DX_NAMES } from '../../../domain/benchmark/target-dx-names';
import { useEcg, type EcgRef } from '../../../ecg/use-ecg';
import type { BenchmarkSampleV002, DataSource, TargetDx } from '../../../schemas/benchmark-sample';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import { getSample } from '../../api/get-sample';
import { useDiagnosisSamples } from '../api/list-samples';
import { postSample } from '../api/sample-writes';

const field = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-[13px]';

/** The form; `onCreated` opens the new sample (its public id). */
export function NewSampleFromSkeleton({
  ecg,
  onCreated,
}: {
  ecg: EcgRef;
  onCreated: (sampleId: string) => void;
}) {
  const queryClient = useQueryClient();
  const { measurements } = useEcg(ecg);
  const [targetDx, setTargetDx] = useState<TargetDx | null>(null);
  const [dxLabel, setDxLabel] = useState(true);
  const [pathIdx, setPathIdx] = useState<number | null>(null);
  const [built, setBuilt] = useState<{ skeleton: BenchmarkSampleV002; copy: SkeletonCopy } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cell = useDiagnosisSamples(targetDx, dxLabel);
  const paths = useMemo(() => {
    const seen = new Map<number, string>();
    for (const item of cell.data?.items ?? [])
      if (!seen.has(item.metadata.path_idx)) seen.set(item.metadata.path_idx, item.id);
    return [...seen.entries()].sort((a, b) => a[0] - b[0]);
  }, [cell.data]);
  const skeletonId = paths.find(([p]) => p === pathIdx)?.[1] ?? null;
  const source = ecg.source as DataSource;
  const knownSource = (DATA_SOURCES as readonly string[]).includes(ecg.source);

  const reset = () => {
    setBuilt(null);
    setError(null);
  };

  const build = async () => {
    if (!skeletonId || !measurements) return;
    setBusy(true);
    reset();
    try {
      const skeleton = (await getSample(skeletonId)).sample;
      const copy = sampleFromSkeleton(
        skeleton,
        { source, ecgId: ecg.ecgId, measurements },
        skeleton.metadata.id,
      );
      setBuilt({ skeleton, copy });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!built?.copy.ok) return;
    setBusy(true);
    try {
      const saved = await postSample(built.copy.sample, crypto.randomUUID());
      await queryClient.invalidateQueries({ queryKey: ['samples'] });
      onCreated(saved.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!ecg.recordAvailable || !knownSource) {
    return (
      <p className="text-[13px] text-slate-600">
        A new sample needs this ECG&apos;s record: the server has none for it.
      </p>
    );
  }
  return (
    <form
      className="space-y-1.5 text-[13px]"
      aria-label="New sample from a skeleton"
      onSubmit={(e) => {
        e.preventDefault();
        void build();
      }}
    >
      <p className="text-slate-700">
        A new sample on ECG {ecg.ecgId}: the questions of a sample of the chosen diagnosis, label
        and path, with every grounding option and answer recomputed for this ECG.
      </p>
      <div className="flex flex-wrap items-center gap-1.5">
        <label className="flex items-center gap-1">
          Diagnosis
          <select
            className={field}
            value={targetDx ?? ''}
            onChange={(e) => {
              setTargetDx((e.target.value || null) as TargetDx | null);
              setPathIdx(null);
              reset();
            }}
          >
            <option value="">Choose…</option>
            {TARGET_DX.map((dx) => (
              <option key={dx} value={dx}>
                {TARGET_DX_NAMES[dx]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Label
          <select
            className={field}
            value={dxLabel ? 'yes' : 'no'}
            onChange={(e) => {
              setDxLabel(e.target.value === 'yes');
              setPathIdx(null);
              reset();
            }}
          >
            <option value="yes">Yes (present)</option>
            <option value="no">No (absent)</option>
          </select>
        </label>
        <label className="flex items-center gap-1">
          Path
          <select
            className={field}
            value={pathIdx ?? ''}
            disabled={paths.length === 0}
            onChange={(e) => {
              setPathIdx(e.target.value === '' ? null : Number(e.target.value));
              reset();
            }}
          >
            <option value="">{targetDx && cell.isLoading ? 'Loading…' : 'Choose…'}</option>
            {paths.map(([p]) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={!skeletonId || !measurements || busy}
          className="rounded border border-slate-400 bg-white px-2 hover:bg-slate-100 disabled:opacity-40"
        >
          {measurements ? 'Prepare' : 'Measuring the record…'}
        </button>
      </div>
      {targetDx && cell.data && paths.length === 0 && (
        <p className="text-slate-600">
          No sample of this diagnosis and label to take a skeleton from.
        </p>
      )}
      {built && !built.copy.ok && (
        <div role="alert" className="rounded border border-[#D55E00] bg-orange-50 p-1.5">
          <p className="font-semibold">This ECG cannot ground that skeleton:</p>
          <ul className="list-disc pl-5">
            {built.copy.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {built?.copy.ok && (
        <div
          className="rounded border border-slate-300 bg-white p-1.5"
          data-testid="skeleton-preview"
        >
          <p>
            From sample {built.skeleton.metadata.data_source}:{built.skeleton.metadata.id}:{' '}
            {built.copy.sample.data.reasoning.length} steps,{' '}
            {built.copy.sample.data.reasoning.reduce((n, s) => n + s.ecg_grounding.length, 0)}{' '}
            grounding questions recomputed on ECG {ecg.ecgId}.
          </p>
          {built.copy.notes.length > 0 && (
            <ul className="mt-0.5 list-disc pl-5 text-slate-700">
              {built.copy.notes.map((n, i) => (
                <li key={i}>
                  {n.at ? `Step ${n.at.step + 1}, question ${n.at.index + 1}: ` : ''}
                  {n.message}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => void create()}
            className="mt-1 rounded border border-[#0072B2] bg-[#0072B2] px-2 text-white disabled:opacity-40"
          >
            Create the sample and edit it
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-[#b34700]">
          Error: {error}
        </p>
      )}
    </form>
  );
}
