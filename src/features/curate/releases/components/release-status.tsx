/** Draft or published, in words and with an outline (never colour alone). */
import type { Release } from '../../../../schemas/api/releases';

export function ReleaseStatus({ release }: { release: Release }) {
  const published = release.status === 'published';
  return (
    <span
      className={`rounded border px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide ${
        published
          ? 'border-ok-right bg-emerald-50 text-emerald-900'
          : 'border-dashed border-ok-distractor bg-amber-50 text-amber-900'
      }`}
    >
      {published ? 'Published' : 'Draft'}
    </span>
  );
}
