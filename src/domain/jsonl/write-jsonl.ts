/**
 * Canonical JSONL text for a sequence of values: each value serialized (compact, no line
 * break) and followed by `\n`, so the file ends with a newline and has no blank lines.
 */
export async function* toJsonlLines<T>(
  values: AsyncIterable<T> | Iterable<T>,
  serialize: (value: T) => string,
): AsyncGenerator<string> {
  for await (const value of values) {
    const line = serialize(value);
    if (line.includes('\n') || line.includes('\r')) {
      throw new Error('a JSONL line must not contain a line break; serialize compactly');
    }
    yield `${line}\n`;
  }
}
