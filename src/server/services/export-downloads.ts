import type { DataSource } from '../../schemas/benchmark-sample';
import type { Db, DbKind } from '../storage/database';
import type { ExportFileEntry, ExportManifest, ExportOptions } from './export';
import { MANIFEST_FILE_NAME, fileChunks, manifestText, planExport, planSource } from './export';
import { startExport } from './export-slots';

/** The manifest of an export taken now (one pass over everything, checks included). */
export async function exportManifest(
  db: Db,
  kind: DbKind,
  options: ExportOptions,
): Promise<ExportManifest> {
  const run = await startExport(db, kind);
  try {
    return await planExport(run.snapshot, options);
  } finally {
    await run.release();
  }
}

/** An export file ready to send: the plan's entry (length, hash) and its bytes as a stream. */
export interface ExportDownload {
  readonly entry: ExportFileEntry;
  readonly body: ReadableStream<Uint8Array>;
}

/**
 * One source's file for download, from ONE read snapshot: planned and checked in a first pass
 * (a refusal comes before any byte), then streamed a page at a time in a second; memory stays at
 * a page whatever the size. The snapshot ends when the stream ends, fails or is cancelled.
 * null when the source has no samples.
 */
export async function openExportDownload(
  db: Db,
  kind: DbKind,
  source: DataSource,
  options: ExportOptions,
): Promise<ExportDownload | null> {
  const run = await startExport(db, kind);
  let entry: ExportFileEntry | null;
  try {
    entry = await planSource(run.snapshot, source, options);
  } catch (error) {
    await run.release();
    throw error;
  }
  if (!entry) {
    await run.release();
    return null;
  }
  const file = entry.file;
  const chunks = fileChunks(run.snapshot, entry, options.shape);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          await run.release();
          controller.close();
        } else {
          controller.enqueue(encoder.encode(next.value));
        }
      } catch (error) {
        process.stderr.write(
          `Export of ${file} stopped: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        await run.release();
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
      await run.release();
    },
  });
  return { entry, body };
}

/**
 * Writes an export from ONE read snapshot through writeFile (which puts each file in place
 * whole): every source planned and checked first (a refusal writes nothing), then each JSONL
 * file streamed a page at a time, then manifest.json. Returns the manifest.
 */
export async function writeExport(
  db: Db,
  kind: DbKind,
  options: ExportOptions,
  writeFile: (name: string, chunks: AsyncIterable<string> | Iterable<string>) => Promise<void>,
): Promise<ExportManifest> {
  const run = await startExport(db, kind);
  try {
    const manifest = await planExport(run.snapshot, options);
    for (const entry of manifest.files) {
      await writeFile(entry.file, fileChunks(run.snapshot, entry, options.shape));
    }
    await writeFile(MANIFEST_FILE_NAME, [manifestText(manifest)]);
    return manifest;
  } finally {
    await run.release();
  }
}
