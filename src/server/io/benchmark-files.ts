import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { serializeSample } from '../../domain/benchmark/serialize';
import { parseJsonText } from '../../domain/jsonl/json-syntax';
import type { LineReaderOptions } from '../../domain/jsonl/line-reader';
import { DEFAULT_MAX_LINE_BYTES } from '../../domain/jsonl/line-reader';
import type { LayoutPlace, SourceEntry } from '../../domain/jsonl/source-entry';
import { entriesOf, jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import { decodeUtf8, firstInvalidUtf8Offset } from '../../domain/jsonl/utf8';
import { toJsonlLines } from '../../domain/jsonl/write-jsonl';
import type { AnswerShape, BenchmarkSample } from '../../schemas/benchmark-sample';

/** Why a benchmark path could not be opened at all (as opposed to problems inside it). */
export class BenchmarkSourceError extends Error {
  override readonly name = 'BenchmarkSourceError';
  constructor(
    readonly path: string,
    readonly reason: 'not-found' | 'not-a-file-or-directory' | 'unreadable',
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** An opened benchmark source: a JSONL file or a one-file-per-sample directory. */
export interface BenchmarkSource {
  readonly kind: 'jsonl' | 'directory';
  readonly path: string;
  /**
   * Entries in file order (JSONL) or layout order (source, target_dx, numeric id), in batches
   * (one per read chunk) so per-line async overhead stays off the hot path. Read it once.
   */
  readonly batches: AsyncIterable<readonly SourceEntry[]>;
  /** The same entries one by one (read either this or batches, once). */
  readonly entries: AsyncIterable<SourceEntry>;
}

/** Read buffer size; lines may span chunks, so this only trades syscalls for memory. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Opens a benchmark path: a JSONL file is streamed (bounded memory), a directory is walked
 * as `<source>/<target_dx>/<id>.json`. Throws BenchmarkSourceError when the path is missing
 * or neither a file nor a directory.
 */
export async function openBenchmarkSource(
  path: string,
  options: LineReaderOptions = {},
): Promise<BenchmarkSource> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new BenchmarkSourceError(path, 'not-found', 'no such file or directory');
    throw new BenchmarkSourceError(path, 'unreadable', (error as Error).message);
  }
  if (info.isDirectory()) {
    const batches = oneByOne(directoryEntries(path, options));
    return { kind: 'directory', path, batches, entries: entriesOf(batches) };
  }
  if (!info.isFile()) {
    throw new BenchmarkSourceError(path, 'not-a-file-or-directory', 'not a file or a directory');
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const batches = jsonlEntryBatches(path, stream as AsyncIterable<Uint8Array>, options);
  return { kind: 'jsonl', path, batches, entries: entriesOf(batches) };
}

async function* oneByOne(entries: AsyncIterable<SourceEntry>): AsyncGenerator<SourceEntry[]> {
  for await (const entry of entries) yield [entry];
}

async function sortedEntries(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

const LAYOUT = '<source>/<target_dx>/<id>.json';

function unexpected(file: string, what: string): SourceEntry {
  return {
    kind: 'problem',
    location: { file, lineNumber: null },
    problem: {
      severity: 'warning',
      rule: 'layout.unexpected-entry',
      message: `${what} does not fit the layout ${LAYOUT}; it was skipped`,
    },
  };
}

/** Walks `<root>/<source>/<target_dx>/<id>.json`, yielding each sample file's document. */
async function* directoryEntries(
  root: string,
  options: LineReaderOptions,
): AsyncGenerator<SourceEntry> {
  for (const source of await sortedEntries(root)) {
    const sourcePath = join(root, source.name);
    if (!source.isDirectory()) {
      yield unexpected(sourcePath, 'a file directly in the benchmark folder');
      continue;
    }
    for (const target of await sortedEntries(sourcePath)) {
      const targetPath = join(sourcePath, target.name);
      if (!target.isDirectory()) {
        yield unexpected(targetPath, 'a file directly in a source folder');
        continue;
      }
      for (const file of await sortedEntries(targetPath)) {
        const filePath = join(targetPath, file.name);
        if (!file.isFile() || !file.name.endsWith('.json')) {
          yield unexpected(filePath, file.isFile() ? 'a file not named <id>.json' : 'a folder');
          continue;
        }
        const layout = {
          dataSource: source.name,
          targetDx: target.name,
          id: file.name.slice(0, -'.json'.length),
        };
        yield await readSampleFile(filePath, layout, options);
      }
    }
  }
}

/** Reads one sample file of the directory layout (pretty-printed JSON is fine). */
async function readSampleFile(
  file: string,
  layout: LayoutPlace,
  options: LineReaderOptions,
): Promise<SourceEntry> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fail = (rule: string, message: string, lineNumber: number | null = null): SourceEntry => ({
    kind: 'problem',
    location: { file, lineNumber },
    problem: { severity: 'error', rule, message },
  });
  const size = (await stat(file)).size;
  if (size > maxBytes) {
    return fail(
      'jsonl.line-too-long',
      `the file is ${size} bytes, longer than the limit of ${maxBytes}; it was skipped`,
    );
  }
  let bytes: Uint8Array = await readFile(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const text = decodeUtf8(bytes);
  if (text === null) {
    const bad = firstInvalidUtf8Offset(bytes);
    return fail(
      'jsonl.invalid-utf8',
      `the file is not valid UTF-8 (first bad byte at offset ${bad}); it was skipped`,
    );
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, reason } = parsed.error;
    return fail(
      'jsonl.syntax',
      `not valid JSON at line ${line}, column ${column}: ${reason}`,
      line,
    );
  }
  return { kind: 'value', location: { file, lineNumber: null }, value: parsed.value, layout };
}

/** Appends text to the file being written; resolves once it is handed to the OS. */
export type WriteText = (text: string) => Promise<void>;

const WRITE_BUFFER_CHARS = 1024 * 1024;

/**
 * Writes a file all or nothing: `produce` writes into a temporary file beside `outPath`;
 * when it returns true the file is synced and renamed into place, when it returns false or
 * throws the temporary file is removed and `outPath` is left as it was. Returns whether the
 * file was written.
 */
export async function writeFileAtomically(
  outPath: string,
  produce: (write: WriteText) => Promise<boolean>,
): Promise<boolean> {
  const temp = join(
    dirname(outPath),
    `.${basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temp, 'wx');
  let committed = false;
  try {
    let buffered: string[] = [];
    let bufferedChars = 0;
    const flush = async () => {
      if (buffered.length === 0) return;
      const text = buffered.join('');
      buffered = [];
      bufferedChars = 0;
      await handle.write(text, null, 'utf8');
    };
    const write: WriteText = async (text) => {
      buffered.push(text);
      bufferedChars += text.length;
      if (bufferedChars >= WRITE_BUFFER_CHARS) await flush();
    };
    if (await produce(write)) {
      await flush();
      await handle.sync();
      committed = true;
    }
  } finally {
    await handle.close();
    if (committed) await rename(temp, outPath);
    else await unlink(temp).catch(() => undefined);
  }
  return committed;
}

/** Writes JSONL lines (each already ending in `\n`) to outPath atomically. */
export async function writeJsonlFile(
  outPath: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  await writeFileAtomically(outPath, async (write) => {
    for await (const line of lines) await write(line);
    return true;
  });
}

/**
 * Exports samples as canonical JSONL in the answer `shape` (the docs' key order, compact, one per line,
 * final newline), atomically: the same samples always give the same bytes.
 */
export async function writeSamplesJsonl(
  outPath: string,
  samples: AsyncIterable<BenchmarkSample> | Iterable<BenchmarkSample>,
  shape: AnswerShape,
): Promise<void> {
  await writeJsonlFile(
    outPath,
    toJsonlLines(samples, (sample) => serializeSample(sample, shape)),
  );
}
