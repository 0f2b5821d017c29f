import { createHash } from 'node:crypto';
import { serializeSample } from '../../domain/benchmark/serialize';
import type { ApiIssue } from '../../schemas/api/common';
import type { ExportManifestBody } from '../../schemas/api/transfer';
import type { AnswerShape, BenchmarkSampleV002, DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { Db, DbKind } from '../storage/database';
import type { ExportCheck } from './export-gate';
import { exportGateCheck } from './export-gate';
import { exportFileName } from './export-names';
import { startExport } from './export-slots';
import { BENCHMARK_STATUSES } from './sample-rows';
import { ServiceError } from './service-error';

export { MANIFEST_FILE_NAME, exportFileName } from './export-names';
export type { ExportCheck } from './export-gate';

/** manifest.json: what an export holds (see ExportManifestSchema); no timestamps, so unchanged data gives identical bytes. */
export type ExportManifest = ExportManifestBody;

/** One exported file as the manifest describes it. */
export type ExportFileEntry = ExportManifest['files'][number];

/** One exported JSONL file and its text. */
export interface ExportFile extends ExportFileEntry {
  readonly text: string;
}

/** A whole export in memory: the JSONL files and the manifest (text as written). */
export interface ExportBundle {
  readonly files: readonly ExportFile[];
  readonly manifest: ExportManifest;
  readonly manifestText: string;
}

/**
 * What to export: the answer shape, and a fresh check per pass. The default check is the
 * validation gate (`validate`'s rules): an export never writes a file `validate` would reject.
 */
export interface ExportOptions {
  readonly shape: AnswerShape;
  readonly check?: () => ExportCheck;
}

/**
 * Rows read per query: a page of canonical lines is all an export holds in memory. Small enough
 * (about 0.4 MB) that a page dies young: 500-row pages outlived scavenges, and the old
 * generation grew by over 100 MB of garbage per export before V8 collected it.
 */
const PAGE_ROWS = 100;
/** Problems named in a refused export's error (the message says how many there were in all). */
const MAX_PROBLEMS_SHOWN = 100;

/** SHA-256 of a text's UTF-8 bytes, lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The manifest as written: 2-space JSON in a fixed key order, ending in a newline. */
export function manifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** One page of a file: canonical lines (without their '\n') and the samples they are. */
type Page = ReadonlyArray<{ readonly sampleId: number; readonly line: string }>;

/**
 * Stream chunks stay under V8's large-object size (128 KiB): a larger string would live in the
 * large-object space, which only a full collection frees, and pile up there meanwhile.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * One source's active samples as canonical JSONL in `shape`, in sample id order, a page of
 * PAGE_ROWS rows at a time (keyset paging in the snapshot, so every page sees the same data).
 */
async function* sourcePages(
  snapshot: Db,
  source: DataSource,
  shape: AnswerShape,
): AsyncGenerator<Page> {
  let after: number | null = null;
  for (;;) {
    let query = snapshot
      .selectFrom('samples')
      .select(['sample_id', 'content'])
      .where('data_source', '=', source)
      .where('status', 'in', BENCHMARK_STATUSES);
    if (after !== null) query = query.where('sample_id', '>', after);
    const rows = await query.orderBy('sample_id').limit(PAGE_ROWS).execute();
    if (rows.length === 0) return;
    const lines = rows.map((row) => {
      try {
        const line = serializeSample(JSON.parse(row.content) as BenchmarkSampleV002, shape);
        return { sampleId: row.sample_id, line };
      } catch (error) {
        throw new ServiceError(
          'unprocessable',
          `The ${source} sample ${row.sample_id} cannot be written in the ${shape} shape: ${(error as Error).message}`,
          { code: 'export_failed' },
        );
      }
    });
    yield lines;
    if (rows.length < PAGE_ROWS) return;
    after = rows[rows.length - 1]!.sample_id;
    // SQLite answers synchronously: without this a long export would hold the event loop (and
    // every other request) for its whole first pass.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * First pass over one source: counts, size and SHA-256 of its file, with every sample checked;
 * null when the source has no samples. Throws 422 naming the problems when a check finds any.
 */
export async function planSource(
  snapshot: Db,
  source: DataSource,
  options: ExportOptions,
): Promise<ExportFileEntry | null> {
  const check = (options.check ?? exportGateCheck)();
  const hash = createHash('sha256');
  const problems: ApiIssue[] = [];
  let count = 0;
  const note = (found: readonly ApiIssue[]) => {
    count += found.length;
    for (const p of found) if (problems.length < MAX_PROBLEMS_SHOWN) problems.push(p);
  };
  let bytes = 0;
  let samples = 0;
  for await (const page of sourcePages(snapshot, source, options.shape)) {
    for (const { line } of page) {
      note(check.line(source, ++samples, line));
      hash.update(line, 'utf8').update('\n');
      bytes += Buffer.byteLength(line, 'utf8') + 1;
    }
  }
  note(check.endOfFile?.(source) ?? []);
  if (count > 0) {
    const listed = count > problems.length ? ` (the first ${problems.length} are listed)` : '';
    throw new ServiceError(
      'unprocessable',
      `The export was refused: ${count} problem(s) would make its files fail validate (${exportFileName(source)})${listed}; nothing was written. ` +
        'Fix the samples named in "issues" (in the workspace) and export again.',
      { code: 'export_refused', issues: problems },
    );
  }
  if (samples === 0) return null;
  return {
    file: exportFileName(source),
    dataSource: source,
    samples,
    bytes,
    sha256: hash.digest('hex'),
  };
}

/** The manifest of the export the snapshot holds: a first pass over every source, all checked. */
export async function planExport(snapshot: Db, options: ExportOptions): Promise<ExportManifest> {
  const files: ExportFileEntry[] = [];
  for (const source of DATA_SOURCES) {
    const entry = await planSource(snapshot, source, options);
    if (entry) files.push(entry);
  }
  return {
    answerShape: options.shape,
    totalSamples: files.reduce((sum, file) => sum + file.samples, 0),
    files,
  };
}

/**
 * Second pass: the file a plan describes, as text chunks of whole lines from the same snapshot.
 * Its bytes are hashed again as they go; should they differ from the plan the stream fails
 * rather than end, so no reader takes a different file for the one announced.
 */
export async function* fileChunks(
  snapshot: Db,
  entry: ExportFileEntry,
  shape: AnswerShape,
): AsyncGenerator<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  let parts: string[] = [];
  let chars = 0;
  const take = () => {
    const text = parts.join('');
    parts = [];
    chars = 0;
    hash.update(text, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    return text;
  };
  for await (const page of sourcePages(snapshot, entry.dataSource, shape)) {
    for (const { line } of page) {
      if (chars > 0 && chars + line.length + 1 > CHUNK_CHARS) yield take();
      parts.push(line, '\n');
      chars += line.length + 1;
    }
  }
  if (chars > 0) yield take();
  const sha256 = hash.digest('hex');
  if (sha256 !== entry.sha256 || bytes !== entry.bytes) {
    throw new Error(
      `${entry.file} changed between the two passes of one snapshot (${bytes} bytes, sha256 ${sha256}; planned ${entry.bytes}, ${entry.sha256}).`,
    );
  }
}

/**
 * A whole export collected in memory (tests, benches and small workspaces; the server and the
 * CLI stream instead): files and manifest from one read snapshot, byte-identical to a stream.
 */
export async function buildExport(db: Db, kind: DbKind, shape: AnswerShape): Promise<ExportBundle> {
  const run = await startExport(db, kind);
  try {
    const manifest = await planExport(run.snapshot, { shape });
    const files: ExportFile[] = [];
    for (const entry of manifest.files) {
      const parts: string[] = [];
      for await (const chunk of fileChunks(run.snapshot, entry, shape)) parts.push(chunk);
      files.push({ ...entry, text: parts.join('') });
    }
    return { files, manifest, manifestText: manifestText(manifest) };
  } finally {
    await run.release();
  }
}
