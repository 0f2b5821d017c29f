import type { LineReaderOptions } from './line-reader';
import { readJsonlBatches } from './read-jsonl';

/** Where an entry of a benchmark source came from: a file and, in JSONL, a 1-based line. */
export interface EntryLocation {
  /** The file as the user named it (a JSONL file, or one sample file of a directory). */
  readonly file: string;
  /** The line in a JSONL file (or of a syntax error in a one-sample file); null otherwise. */
  readonly lineNumber: number | null;
}

/** The place a one-file-per-sample layout gives a sample: `<source>/<target_dx>/<id>.json`. */
export interface LayoutPlace {
  readonly dataSource: string;
  readonly targetDx: string;
  /** The file name without `.json`. */
  readonly id: string;
}

/** One parsed JSON document of a source (a JSONL line or a sample file). */
export interface SourceValue {
  readonly kind: 'value';
  readonly location: EntryLocation;
  readonly value: unknown;
  /** Set for files of the directory layout, so the validator can compare with metadata. */
  readonly layout?: LayoutPlace;
}

/** A problem found before any schema sees the document (encoding, syntax, layout). */
export interface SourceProblem {
  readonly kind: 'problem';
  readonly location: EntryLocation;
  readonly problem: {
    readonly severity: 'error' | 'warning';
    /** Rule id: jsonl.* for the reader, layout.* for the directory layout. */
    readonly rule: string;
    readonly message: string;
  };
}

/** What every benchmark source (JSONL stream or directory) yields, in order. */
export type SourceEntry = SourceValue | SourceProblem;

/** Reads a JSONL byte stream as batches of source entries located in `file` (one per chunk). */
export async function* jsonlEntryBatches(
  file: string,
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<SourceEntry[]> {
  for await (const batch of readJsonlBatches(chunks, options)) {
    yield batch.map((event): SourceEntry => {
      const location = { file, lineNumber: event.lineNumber };
      return event.kind === 'value'
        ? { kind: 'value', location, value: event.value }
        : { kind: 'problem', location, problem: event.problem };
    });
  }
}

/** Reads a JSONL byte stream as source entries located in `file`. */
export async function* jsonlEntries(
  file: string,
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<SourceEntry> {
  for await (const batch of jsonlEntryBatches(file, chunks, options)) yield* batch;
}

/** Flattens batches of entries into one entry stream. */
export async function* entriesOf(
  batches: AsyncIterable<readonly SourceEntry[]>,
): AsyncGenerator<SourceEntry> {
  for await (const batch of batches) yield* batch;
}
