/**
 * The reasoning chains of one ECG, for the ECG page: the samples on it, each opened in the chain
 * editor, and a new one started from another sample's skeleton.
 */
import { useState } from 'react';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import type { EcgRef } from '../../../ecg/use-ecg';
import { useEcgSamples } from '../api/list-samples';
import { NewSampleFromSkeleton } from './new-sample-from-skeleton';

/** An ECG as the chains list needs it: where it is, and its record's public id (null: not registered). */
export interface EcgChainsRef extends EcgRef {
  readonly id: string | null;
}

/** The samples on an ECG with Open buttons; `canEdit` adds the new-sample form. */
export function EcgChains({
  ecg,
  canEdit,
  onOpen,
}: {
  ecg: EcgChainsRef;
  canEdit: boolean;
  /** Opens a sample (public id) in the chain editor. */
  onOpen: (sampleId: string) => void;
}) {
  const samples = useEcgSamples(ecg.id);
  const [adding, setAdding] = useState(false);
  const items = samples.data?.items ?? [];
  return (
    <section aria-label="Reasoning chains of this ECG" className="text-[13px]">
      <h2 className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
        Reasoning chains of this ECG ({samples.data ? items.length : '…'})
      </h2>
      {samples.error && (
        <p role="alert" className="text-[#b34700]">
          Error: {samples.error.message}
        </p>
      )}
      {samples.data && items.length === 0 && (
        <p className="text-slate-600">No sample is about this ECG yet.</p>
      )}
      <ul className="mt-1 space-y-0.5">
        {items.map((item) => (
          <li key={item.id} className="flex items-center gap-2">
            <span className="tabular-nums">
              {item.metadata.data_source}:{item.metadata.id}
            </span>
            <span className="truncate">
              {targetDxName(item.metadata.target_dx)}, {item.metadata.dx_label ? 'Yes' : 'No'}, path{' '}
              {item.metadata.path_idx}
            </span>
            <button
              type="button"
              className="ml-auto rounded border border-slate-300 bg-white px-1.5 hover:bg-slate-100"
              onClick={() => onOpen(item.id)}
            >
              {canEdit ? 'Edit' : 'Open'}
            </button>
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="mt-2">
          <button
            type="button"
            aria-expanded={adding}
            onClick={() => setAdding((x) => !x)}
            className="rounded border border-dashed border-slate-400 px-1.5 hover:bg-slate-100"
          >
            + New sample on this ECG from a skeleton
          </button>
          {adding && (
            <div className="mt-1 rounded border border-slate-200 bg-slate-50 p-1.5">
              <NewSampleFromSkeleton ecg={ecg} onCreated={onOpen} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
