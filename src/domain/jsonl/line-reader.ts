import { decodeUtf8, firstInvalidUtf8Offset } from './utf8';

/** Rules the JSONL layer reports (before any schema sees a value). */
export type JsonlRule =
  | 'jsonl.bom'
  | 'jsonl.crlf'
  | 'jsonl.blank-line'
  | 'jsonl.line-too-long'
  | 'jsonl.invalid-utf8'
  | 'jsonl.syntax';

/** A problem with a line as a line (encoding, length, layout, JSON syntax). */
export interface LineProblem {
  readonly severity: 'error' | 'warning';
  readonly rule: JsonlRule;
  readonly message: string;
  /** 1-based column (UTF-16 units) when the problem is at a point in the line. */
  readonly column?: number;
}

/** One line of a JSONL file, decoded, without its line end (and without a leading BOM). */
export interface JsonlLine {
  readonly kind: 'line';
  /** 1-based line number, counting blank and faulty lines too. */
  readonly lineNumber: number;
  /** Byte offset of the line's first byte in the file. */
  readonly byteOffset: number;
  /** Bytes in the line, line end excluded. */
  readonly byteLength: number;
  readonly text: string;
}

/** A line-level problem, located by line number and byte offset. */
export interface JsonlLineProblem {
  readonly kind: 'problem';
  readonly lineNumber: number;
  readonly byteOffset: number;
  readonly problem: LineProblem;
}

/** What the line reader yields, in file order. */
export type LineEvent = JsonlLine | JsonlLineProblem;

/** Line reader settings. */
export interface LineReaderOptions {
  /** Longest line accepted, in bytes; longer lines are reported and skipped unbuffered. */
  readonly maxLineBytes?: number;
}

/** Default longest line: 16 MiB, about 3,000 times the largest real sample. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Splits a byte stream into decoded lines, keeping line numbers and byte offsets, in bounded
 * memory (one line at most, never the whole file). Chunks must not be changed after they are
 * yielded. Line ends are `\n`; a `\r` before it is stripped (one CRLF warning per file, naming
 * the first line); a UTF-8 BOM at the start of the file is stripped with a warning; blank lines
 * are skipped with a warning; a last line without `\n` is read normally; invalid UTF-8 and
 * over-long lines are errors and the line is skipped.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<LineEvent> {
  for await (const batch of readLineBatches(chunks, options)) yield* batch;
}

/**
 * Most lines in one batch. Small enough that a batch's parsed values die young (a whole 1 MiB
 * chunk of parsed samples outlives several scavenges and is copied into the old generation),
 * large enough that the async-iteration cost is paid per batch rather than per line.
 */
export const MAX_BATCH_LINES = 16;

/**
 * readLines in batches: arrays of at most MAX_BATCH_LINES events, so a consumer pays the
 * async-iteration cost per batch rather than per line.
 */
export async function* readLineBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<LineEvent[]> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pieces: Uint8Array[] = [];
  let keptBytes = 0;
  let lineBytes = 0;
  let tooLong = false;
  let lineNumber = 1;
  let lineStart = 0;
  let crlfReported = false;

  function finishLine(out: LineEvent[]): void {
    const byteOffset = lineStart;
    const at = { lineNumber, byteOffset };
    const length = lineBytes;
    const bytesKept = tooLong ? null : concat(pieces, keptBytes);
    pieces = [];
    keptBytes = 0;
    lineBytes = 0;
    tooLong = false;
    lineStart += length + 1;
    lineNumber++;

    if (bytesKept === null) {
      out.push(
        problem(at, {
          severity: 'error',
          rule: 'jsonl.line-too-long',
          message: `the line is ${formatBytes(length)}, longer than the limit of ${formatBytes(maxLineBytes)}; it was skipped`,
        }),
      );
      return;
    }
    let bytes = bytesKept;
    let start = 0;
    if (at.lineNumber === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      start = 3;
      out.push(
        problem(at, {
          severity: 'warning',
          rule: 'jsonl.bom',
          message:
            'the file starts with a UTF-8 byte order mark (BOM); it was ignored, exports write none',
        }),
      );
    }
    let end = bytes.length;
    if (end > start && bytes[end - 1] === CR) {
      end--;
      if (!crlfReported) {
        crlfReported = true;
        out.push(
          problem(at, {
            severity: 'warning',
            rule: 'jsonl.crlf',
            message:
              'the file has CRLF (\\r\\n) line ends, first on this line; they were read as \\n, exports write \\n',
          }),
        );
      }
    }
    if (start !== 0 || end !== bytes.length) bytes = bytes.subarray(start, end);
    const text = decodeUtf8(bytes);
    if (text === null) {
      const bad = firstInvalidUtf8Offset(bytes) + start;
      out.push(
        problem(at, {
          severity: 'error',
          rule: 'jsonl.invalid-utf8',
          message: `the line is not valid UTF-8 (first bad byte at byte ${bad + 1} of the line, file offset ${byteOffset + bad}); it was skipped`,
        }),
      );
      return;
    }
    if (isBlank(text)) {
      out.push(
        problem(at, {
          severity: 'warning',
          rule: 'jsonl.blank-line',
          message: 'blank line; it was skipped',
        }),
      );
      return;
    }
    out.push({ kind: 'line', lineNumber: at.lineNumber, byteOffset, byteLength: length, text });
  }

  for await (const chunk of chunks) {
    let out: LineEvent[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      const newline = chunk.indexOf(LF, pos);
      const end = newline === -1 ? chunk.length : newline;
      const segment = end - pos;
      lineBytes += segment;
      if (!tooLong) {
        if (lineBytes > maxLineBytes) {
          tooLong = true;
          pieces = [];
          keptBytes = 0;
        } else if (segment > 0) {
          // A plain view: a Buffer's subarray builds a Buffer, several times the cost per line.
          pieces.push(new Uint8Array(chunk.buffer, chunk.byteOffset + pos, segment));
          keptBytes += segment;
        }
      }
      if (newline === -1) break;
      finishLine(out);
      pos = newline + 1;
      if (out.length >= MAX_BATCH_LINES) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  }
  if (lineBytes > 0) {
    const out: LineEvent[] = [];
    finishLine(out);
    yield out;
  }
}

function problem(
  at: { lineNumber: number; byteOffset: number },
  line: LineProblem,
): JsonlLineProblem {
  return { kind: 'problem', lineNumber: at.lineNumber, byteOffset: at.byteOffset, problem: line };
}
