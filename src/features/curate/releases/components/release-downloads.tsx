/** The release's frozen files: a download link per file and answer shape, with size and SHA-256. */
import type { Release } from '../../../../schemas/api/releases';
import { releaseFileUrl } from '../api/releases';
import { formatBytes, formatCount } from './release-format';

const SHAPE_WORDS = {
  list: 'list answers',
  scalar: 'scalar answers',
} as const;

export function ReleaseDownloads({ release }: { release: Release }) {
  if (!release.snapshot) {
    return (
      <p className="text-slate-600">
        This release was cut before releases kept snapshots: it has no files to download.
      </p>
    );
  }
  return (
    <table className="w-full border-collapse text-left text-[13px]">
      <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th className="px-2 py-1">File</th>
          <th className="px-2 py-1">Answer shape</th>
          <th className="px-2 py-1 text-end">Samples</th>
          <th className="px-2 py-1 text-end">Size</th>
          <th className="px-2 py-1">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {release.files.map((file) => (
          <tr key={`${file.shape}-${file.file}`} className="border-b border-slate-100">
            <td className="px-2 py-1">
              <a
                className="text-ok-selected underline"
                href={releaseFileUrl(release.id, file.file, file.shape)}
                download={file.file}
              >
                {file.file}
                <span className="sr-only"> ({SHAPE_WORDS[file.shape]})</span>
              </a>
            </td>
            <td className="px-2 py-1">{SHAPE_WORDS[file.shape]}</td>
            <td className="px-2 py-1 text-end">{formatCount(file.samples)}</td>
            <td className="px-2 py-1 text-end">{formatBytes(file.bytes)}</td>
            <td className="px-2 py-1 font-mono text-[11px] text-slate-600" title={file.sha256}>
              {file.sha256.slice(0, 16)}…
            </td>
          </tr>
        ))}
        {(['list', 'scalar'] as const).map((shape) => (
          <tr key={`manifest-${shape}`} className="border-b border-slate-100">
            <td className="px-2 py-1">
              <a
                className="text-ok-selected underline"
                href={releaseFileUrl(release.id, 'manifest.json', shape)}
                download="manifest.json"
              >
                manifest.json
                <span className="sr-only"> ({SHAPE_WORDS[shape]})</span>
              </a>
            </td>
            <td className="px-2 py-1">{SHAPE_WORDS[shape]}</td>
            <td className="px-2 py-1 text-end text-slate-500" colSpan={3}>
              counts, sizes and SHA-256 of the files above
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
