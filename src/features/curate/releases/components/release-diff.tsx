/** What changed between another release and this one, grouped by diagnosis and source. */
import { useState } from 'react';
import { formatIdRanges } from '../../../../domain/benchmark/diff/id-ranges';
import { targetDxName } from '../../../../domain/benchmark/target-dx-names';
import type { Release, ReleaseDiffResponse } from '../../../../schemas/api/releases';
import { DATA_SOURCES, TARGET_DX } from '../../../../schemas/benchmark-sample';
import type { SampleChange } from '../../../../schemas/sample-diff';
import { useReleaseDiff } from '../api/releases';
import { formatCount } from './release-format';

const KIND_WORDS: Record<SampleChange['change'], string> = {
  resampled: 'Re-sampled (other ECG)',
  edited: 'Edited (same ECG)',
  added: 'Added',
  removed: 'Removed',
};

function SourceChanges({
  diff,
  changes,
}: {
  diff: ReleaseDiffResponse;
  changes: readonly SampleChange[];
}) {
  const first = changes[0]!;
  const group = diff.byDiagnosis.find(
    (g) => g.dataSource === first.dataSource && g.targetDx === first.targetDx,
  );
  const kinds = (['resampled', 'edited', 'added', 'removed'] as const).filter((kind) =>
    changes.some((c) => c.change === kind),
  );
  return (
    <div className="border-t border-slate-100 px-3 py-2">
      <p className="mb-1 flex items-center gap-2">
        <span className="font-medium">{first.dataSource}</span>
        {group && (
          <span className="text-xs text-slate-600">
            {formatCount(changes.length)} changed of {formatCount(group.samplesAfter)} samples
          </span>
        )}
        {group?.wholesale && (
          <span className="rounded border border-[#CC79A7] px-1.5 text-[11px] font-medium uppercase tracking-wide text-fuchsia-900">
            Changed wholesale
          </span>
        )}
      </p>
      <dl className="grid grid-cols-[12.5rem_1fr] gap-x-3 gap-y-1 text-[13px]">
        {kinds.map((kind) => {
          const ofKind = changes.filter((c) => c.change === kind);
          return (
            <div key={kind} className="contents">
              <dt className="text-slate-600">{KIND_WORDS[kind]}</dt>
              <dd>
                <span className="font-mono text-[12px]">
                  {formatIdRanges(ofKind.map((c) => c.id))}
                </span>
                {(kind === 'edited' || kind === 'resampled') && (
                  <details className="mt-0.5">
                    <summary className="cursor-pointer text-xs text-slate-600">
                      {kind === 'edited' ? 'Fields changed' : 'ECGs and fields changed'}
                    </summary>
                    <ul className="mt-1 space-y-0.5 font-mono text-[11px] text-slate-700">
                      {ofKind.map((c) => (
                        <li key={c.key}>
                          {c.id}
                          {kind === 'resampled' &&
                            ` (ecg ${c.ecgIdBefore} → ${c.ecgIdAfter})`}: {c.paths.join(', ')}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

function DiffBody({ diff }: { diff: ReleaseDiffResponse }) {
  const { counts } = diff;
  const dxWithChanges = TARGET_DX.filter((dx) => diff.changes.some((c) => c.targetDx === dx));
  return (
    <div className="flex flex-col gap-3">
      <p data-testid="release-diff-summary" className="text-[13px]">
        From <strong>{diff.from.name}</strong> to <strong>{diff.to.name}</strong>:{' '}
        {formatCount(counts.resampled)} re-sampled, {formatCount(counts.edited)} edited,{' '}
        {formatCount(counts.added)} added, {formatCount(counts.removed)} removed,{' '}
        {formatCount(counts.unchanged)} unchanged.
      </p>
      {dxWithChanges.map((dx) => (
        <section
          key={dx}
          aria-label={targetDxName(dx)}
          className="rounded border border-slate-200 bg-white"
        >
          <h4 className="px-3 pt-2 pb-1 font-semibold">
            {targetDxName(dx)} <code className="text-xs font-normal text-slate-600">{dx}</code>
          </h4>
          {DATA_SOURCES.map((source) => {
            const changes = diff.changes.filter(
              (c) => c.targetDx === dx && c.dataSource === source,
            );
            return changes.length > 0 ? (
              <SourceChanges key={source} diff={diff} changes={changes} />
            ) : null;
          })}
        </section>
      ))}
    </div>
  );
}

export function ReleaseDiff({
  release,
  releases,
}: {
  release: Release;
  releases: readonly Release[];
}) {
  const others = releases.filter((r) => r.id !== release.id && r.snapshot);
  // By default what the notes describe: the changes since the release cut before this one.
  const [fromId, setFromId] = useState<string | null>(release.previousRelease?.id ?? null);
  const diff = useReleaseDiff(fromId, release.snapshot ? release.id : null);
  if (!release.snapshot) return null;
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-xs text-slate-600">
        Compare from
        <select
          className="rounded border border-slate-300 px-1 py-0.5 text-sm text-slate-900"
          value={fromId ?? ''}
          onChange={(e) => setFromId(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">(choose a release)</option>
          {others.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.createdAt < release.createdAt ? 'earlier' : 'later'})
            </option>
          ))}
        </select>
      </label>
      {fromId === null && (
        <p className="text-slate-600">
          {others.length === 0
            ? 'This is the only release: there is nothing to compare with yet.'
            : 'Choose a release to compare with: its samples are compared with this one’s.'}
        </p>
      )}
      {diff.isPending && fromId !== null && <p className="text-slate-500">Comparing…</p>}
      {diff.isError && (
        <p role="alert" className="text-ok-problem-ink">
          Could not compare: {diff.error.message}
        </p>
      )}
      {diff.data && <DiffBody diff={diff.data} />}
    </div>
  );
}
