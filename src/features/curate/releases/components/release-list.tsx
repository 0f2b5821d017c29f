/** Every release, newest first; each a link that selects it (keyboard: Tab, Enter). */
import { Link } from 'react-router';
import type { Release } from '../../../../schemas/api/releases';
import { formatCount, formatTime } from './release-format';
import { ReleaseStatus } from './release-status';

export function ReleaseList({
  releases,
  selectedId,
}: {
  releases: readonly Release[];
  selectedId: string | null;
}) {
  if (releases.length === 0) {
    return <p className="p-4 text-slate-600">No release has been cut yet.</p>;
  }
  return (
    <ul className="divide-y divide-slate-100">
      {releases.map((release) => {
        const selected = release.id === selectedId;
        return (
          <li key={release.id}>
            <Link
              to={`?release=${release.id}`}
              aria-current={selected ? 'page' : undefined}
              className={`block px-4 py-2 ${selected ? 'bg-sky-50 shadow-[inset_3px_0_0_var(--color-ok-selected)]' : 'hover:bg-slate-50'}`}
            >
              <span className="flex items-center gap-2">
                <span className="font-semibold">{release.name}</span>
                <ReleaseStatus release={release} />
              </span>
              <span className="block text-xs text-slate-600">
                {formatTime(release.createdAt)} · {formatCount(release.sampleCount)} samples
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
