import { parseJsonText } from './json-syntax';
import type { JsonlLineProblem, LineEvent, LineReaderOptions } from './line-reader';
import { readLineBatches } from './line-reader';

/** One parsed JSON value and the line it came from. */
export interface JsonlValue {
  readonly kind: 'value';
  readonly lineNumber: number;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly value: unknown;
}

/** What the JSONL reader yields, in file order: values and line-level problems. */
export type JsonlEvent = JsonlValue | JsonlLineProblem;

/** Parses one line event: the JSON value, or a syntax error located by column. */
export function parseLineEvent(event: LineEvent): JsonlEvent {
  if (event.kind === 'problem') return event;
  const parsed = parseJsonText(event.text);
  if (parsed.ok) {
    return {
      kind: 'value',
      lineNumber: event.lineNumber,
      byteOffset: event.byteOffset,
      byteLength: event.byteLength,
      value: parsed.value,
    };
  }
  return {
    kind: 'problem',
    lineNumber: event.lineNumber,
    byteOffset: event.byteOffset,
    problem: {
      severity: 'error',
      rule: 'jsonl.syntax',
      message: `not valid JSON at column ${parsed.error.column}: ${parsed.error.reason}`,
      column: parsed.error.column,
    },
  };
}

/** readJsonl in batches (one array per chunk), for consumers that care about speed. */
export async function* readJsonlBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<JsonlEvent[]> {
  for await (const batch of readLineBatches(chunks, options)) yield batch.map(parseLineEvent);
}

/**
 * Reads a JSONL byte stream into parsed values, one per non-blank line, with line-level
 * problems (see readLines) and JSON syntax errors (with column) in between.
 */
export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array>,
  options: LineReaderOptions = {},
): AsyncGenerator<JsonlEvent> {
  for await (const batch of readJsonlBatches(chunks, options)) yield* batch;
}

/** Wraps bytes (or strings, encoded as UTF-8) as the chunk stream the readers take. */
export async function* chunksOf(parts: Iterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const encoder = new (
    globalThis as unknown as { TextEncoder: new () => Utf8Encoder }
  ).TextEncoder();
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

interface Utf8Encoder {
  encode(text: string): Uint8Array;
}
