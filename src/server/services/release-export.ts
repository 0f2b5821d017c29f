import { createHash } from 'node:crypto';
import { serializeSample } from '../../domain/benchmark/serialize';
import type { Release, ReleaseFile } from '../../schemas/api/releases';
import type { AnswerShape, BenchmarkSample, DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import type { ExportManifest } from './export';
import { MANIFEST_FILE_NAME, exportFileName, manifestText, sha256Hex } from './export';
import { contentSha256 } from './release-snapshot';
import { getRelease } from './releases';
import { ServiceError, notFound } from './service-error';

/** Snapshot rows read per query while streaming. */
const PAGE_ROWS = 500;

/** A release export ready to send: its bytes come as a stream, its size and hash are known. */
export interface ReleaseDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly body: ReadableStream<Uint8Array>;
}

/** The manifest of a release's export in one shape (the workspace export's format). */
export function releaseManifest(release: Release, shape: AnswerShape): ExportManifest {
  const files = release.files.filter((f) => f.shape === shape);
  return {
    answerShape: shape,
    totalSamples: files.reduce((sum, f) => sum + f.samples, 0),
    files: files.map(({ file, dataSource, samples, bytes, sha256 }) => ({
      file,
      dataSource,
      samples,
      bytes,
      sha256,
    })),
  };
}

/**
 * Streams one source's file of a release from its snapshot, page by page in id order: each
 * sample's frozen revision written by the shared serialiser. A line whose list-shape bytes do
 * not hash to the frozen SHA-256, or a file whose total differs from the frozen one, ends the
 * stream with an error rather than sending other bytes than the release's.
 */
function streamSnapshotFile(
  db: Db,
  releaseId: string,
  file: ReleaseFile,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const whole = createHash('sha256');
  let afterId = -1;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const rows = await db
        .selectFrom('release_samples as rs')
        .innerJoin('sample_revisions as sr', (join) =>
          join.onRef('sr.sample_pk', '=', 'rs.sample_pk').onRef('sr.version', '=', 'rs.revision'),
        )
        .select(['rs.sample_id', 'rs.content_sha256', 'sr.content'])
        .where('rs.release_id', '=', releaseId)
        .where('rs.data_source', '=', file.dataSource)
        .where('rs.sample_id', '>', afterId)
        .orderBy('rs.sample_id')
        .limit(PAGE_ROWS)
        .execute();
      const lines: string[] = [];
      for (const row of rows) {
        const sample = JSON.parse(row.content) as BenchmarkSample;
        const list = serializeSample(sample, 'list');
        if (contentSha256(list) !== row.content_sha256) {
          throw new Error(
            `${file.dataSource}:${row.sample_id} no longer serialises to the bytes the release froze`,
          );
        }
        lines.push(file.shape === 'list' ? list : serializeSample(sample, file.shape), '\n');
      }
      if (rows.length > 0) {
        const text = lines.join('');
        whole.update(text, 'utf8');
        controller.enqueue(encoder.encode(text));
        afterId = rows[rows.length - 1]!.sample_id;
      }
      if (rows.length < PAGE_ROWS) {
        done = true;
        if (whole.digest('hex') !== file.sha256) {
          throw new Error(`${file.file} of the release does not match its frozen SHA-256`);
        }
        controller.close();
      }
    },
  });
}

const EXPORT_FILES = new Map<string, DataSource>(
  DATA_SOURCES.map((source) => [exportFileName(source), source]),
);

/**
 * One file of a release's export in the answer shape asked for (the release's own by default):
 * `<source>.jsonl` streamed from the snapshot, or `manifest.json`. Byte-identical at any later
 * time. 404 for an unknown release or file, 409 for a release cut before snapshots existed.
 */
export async function openReleaseExport(
  db: Db,
  releaseId: string,
  fileName: string,
  shape: AnswerShape | undefined,
): Promise<ReleaseDownload> {
  const release = await getRelease(db, releaseId);
  const source = EXPORT_FILES.get(fileName);
  if (fileName !== MANIFEST_FILE_NAME && source === undefined) {
    throw notFound(
      `Export file "${fileName}" (expected ${[...EXPORT_FILES.keys(), MANIFEST_FILE_NAME].join(', ')})`,
    );
  }
  if (!release.snapshot) {
    throw new ServiceError(
      'conflict',
      `Release "${release.name}" was cut before releases kept snapshots; it cannot be exported.`,
      { code: 'release_without_snapshot' },
    );
  }
  const chosen = shape ?? release.answerShape;
  if (fileName === MANIFEST_FILE_NAME) {
    const text = manifestText(releaseManifest(release, chosen));
    const bytes = new TextEncoder().encode(text);
    return {
      fileName,
      contentType: 'application/json; charset=utf-8',
      bytes: bytes.byteLength,
      sha256: sha256Hex(text),
      body: new Blob([bytes]).stream(),
    };
  }
  const file = release.files.find((f) => f.shape === chosen && f.dataSource === source);
  if (!file) throw notFound(`Samples from ${source} in release "${release.name}"`);
  return {
    fileName,
    contentType: 'application/x-ndjson; charset=utf-8',
    bytes: file.bytes,
    sha256: file.sha256,
    body: streamSnapshotFile(db, release.id, file),
  };
}
