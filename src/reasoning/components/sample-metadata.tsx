/** A sample's metadata as one line of terms (the header of every screen that shows a sample). */
import { dxLabelWord } from '../../domain/benchmark/target-dx-names';
import type { ReactNode } from 'react';
import type { Metadata } from '../../schemas/benchmark-sample';

function Term({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline">{term} </dt>
      <dd className="inline font-medium text-slate-800">{children}</dd>
    </div>
  );
}

/** ECG, label, path and subject, after the screen's own leading terms (the source, a pass). */
export function SampleMetadata({
  metadata: m,
  leading = [],
}: {
  metadata: Metadata;
  leading?: readonly (readonly [term: string, value: ReactNode])[];
}) {
  return (
    <dl className="flex flex-wrap gap-x-3 text-slate-600" aria-label="Sample metadata">
      {leading.map(([term, value]) => (
        <Term key={term} term={term}>
          {value}
        </Term>
      ))}
      <Term term="ECG">{m.ecg_id}</Term>
      <Term term="Label">
        {dxLabelWord(m.dx_label)} ({m.dx_label ? 'Yes' : 'No'})
      </Term>
      <Term term="Path">{m.path_idx}</Term>
      {m.subject_id && <Term term="Subject">{m.subject_id}</Term>}
    </dl>
  );
}
