/** The releases page: cut a release, read and edit its notes, download it, compare two. */
import { useSearchParams } from 'react-router';
import type { Release } from '../../../../schemas/api/releases';
import { useReleaseList } from '../api/releases';
import { CutReleaseForm } from './cut-release-form';
import { NotesEditor } from './notes-editor';
import { NotesView } from './notes-view';
import { ReleaseDiff } from './release-diff';
import { ReleaseDownloads } from './release-downloads';
import { formatCount, formatTime } from './release-format';
import { ReleaseList } from './release-list';
import { ReleaseStatus } from './release-status';

function ReleaseDetail({
  release,
  releases,
  canManage,
}: {
  release: Release;
  releases: readonly Release[];
  canManage: boolean;
}) {
  const editable = canManage && release.status === 'draft';
  return (
    <article aria-labelledby="release-title" className="flex max-w-5xl flex-col gap-5">
      <header>
        <h2 id="release-title" className="flex items-center gap-2 text-lg font-semibold">
          Release {release.name} <ReleaseStatus release={release} />
        </h2>
        <p className="text-[13px] text-slate-600">
          Cut {formatTime(release.createdAt)}
          {release.createdByName ? ` by ${release.createdByName}` : ''} ·{' '}
          {formatCount(release.sampleCount)} samples
          {release.previousRelease ? ` · notes compare with ${release.previousRelease.name}` : ''}
          {release.publishedAt ? ` · published ${formatTime(release.publishedAt)}` : ''}
        </p>
      </header>
      <section aria-labelledby="release-files">
        <h3 id="release-files" className="mb-1 font-semibold">
          Files
        </h3>
        <ReleaseDownloads release={release} />
      </section>
      <section aria-labelledby="release-notes-title">
        <h3 id="release-notes-title" className="mb-1 font-semibold">
          Release notes
        </h3>
        {editable ? (
          <NotesEditor key={release.id} release={release} />
        ) : (
          <NotesView notes={release.notes} />
        )}
      </section>
      <section aria-labelledby="release-changes">
        <h3 id="release-changes" className="mb-1 font-semibold">
          Changes by diagnosis and source
        </h3>
        <ReleaseDiff key={release.id} release={release} releases={releases} />
      </section>
    </article>
  );
}

export function ReleasesPage() {
  const list = useReleaseList();
  const [params, setParams] = useSearchParams();
  const releases = list.data?.items ?? [];
  const selected = releases.find((r) => r.id === params.get('release')) ?? releases[0] ?? null;
  const canManage = list.data?.canManage ?? false;
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 bg-white px-4 py-3">
        <h1 className="mr-4 text-base font-semibold">Releases</h1>
        {canManage && <CutReleaseForm onCut={(release) => setParams({ release: release.id })} />}
      </div>
      {list.isPending && <p className="p-4 text-slate-500">Loading releases…</p>}
      {list.isError && (
        <p role="alert" className="p-4 text-ok-problem-ink">
          Could not load releases: {list.error.message}
        </p>
      )}
      {list.isSuccess && (
        <div className="flex min-h-0 flex-1">
          <nav
            aria-label="Releases"
            className="w-72 shrink-0 overflow-auto border-r border-slate-200 bg-white"
          >
            <ReleaseList releases={releases} selectedId={selected?.id ?? null} />
          </nav>
          <div className="min-w-0 flex-1 overflow-auto p-4">
            {selected ? (
              <ReleaseDetail
                key={selected.id}
                release={selected}
                releases={releases}
                canManage={canManage}
              />
            ) : (
              <p className="text-slate-600">
                {canManage
                  ? 'Cut the first release above: it freezes every sample as it is now.'
                  : 'No release has been cut yet. Curators cut releases.'}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
