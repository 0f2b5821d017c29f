import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineEvent } from './line-reader';
import { readLines } from './line-reader';
import { chunksOf, readJsonl } from './read-jsonl';
import { toJsonlLines } from './write-jsonl';

const encoder = new TextEncoder();

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Splits bytes at the given cut points (any order, duplicates allowed). */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    out.push(bytes.slice(from, point));
    from = point;
  }
  out.push(bytes.slice(from));
  return out;
}

function problems(events: readonly LineEvent[]) {
  return events.flatMap((e) =>
    e.kind === 'problem' ? [{ line: e.lineNumber, rule: e.problem.rule }] : [],
  );
}

describe('readLines', () => {
  it('yields lines with 1-based numbers and byte offsets, last line without newline accepted', async () => {
    const events = await collect(readLines(chunksOf(['ab\nçd\n', 'ef'])));
    expect(events).toEqual([
      { kind: 'line', lineNumber: 1, byteOffset: 0, byteLength: 2, text: 'ab' },
      { kind: 'line', lineNumber: 2, byteOffset: 3, byteLength: 3, text: 'çd' },
      { kind: 'line', lineNumber: 3, byteOffset: 7, byteLength: 2, text: 'ef' },
    ]);
  });

  it('strips a BOM at the start of the file with a warning, and only there', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const events = await collect(
      readLines(chunksOf([bom.subarray(0, 1), bom.subarray(1), '{}\n', bom, '[]\n'])),
    );
    expect(problems(events)).toEqual([{ line: 1, rule: 'jsonl.bom' }]);
    const lines = events.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
    expect(lines).toEqual(['{}', '\uFEFF[]']);
  });

  it('reads CRLF as LF and warns once, naming the first line', async () => {
    const events = await collect(readLines(chunksOf(['a\n', 'b\r', '\nc\r\n', 'd\r\n'])));
    expect(problems(events)).toEqual([{ line: 2, rule: 'jsonl.crlf' }]);
    expect(events.flatMap((e) => (e.kind === 'line' ? [e.text] : []))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('skips blank and whitespace-only lines with a warning each', async () => {
    const events = await collect(readLines(chunksOf(['1\n\n  \t\n2\n\n'])));
    expect(problems(events)).toEqual([
      { line: 2, rule: 'jsonl.blank-line' },
      { line: 3, rule: 'jsonl.blank-line' },
      { line: 5, rule: 'jsonl.blank-line' },
    ]);
    expect(events.filter((e) => e.kind === 'line').map((e) => e.lineNumber)).toEqual([1, 4]);
  });

  it('reports invalid UTF-8 with the line and the first bad byte, and goes on', async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]);
    const events = await collect(readLines(chunksOf(['{}\n', bad, '[]\n'])));
    const problem = events.find((e) => e.kind === 'problem');
    expect(problem).toMatchObject({ lineNumber: 2, byteOffset: 3 });
    expect(problem?.kind === 'problem' && problem.problem.message).toMatch(/byte 3 of the line/);
    expect(events.filter((e) => e.kind === 'line').map((e) => e.lineNumber)).toEqual([1, 3]);
  });

  it('skips an over-long line without keeping it, reporting its real length', async () => {
    async function* big(): AsyncGenerator<Uint8Array> {
      yield encoder.encode('{"a":1}\n"');
      const block = new Uint8Array(1024 * 1024).fill(0x61);
      for (let i = 0; i < 50; i++) yield block;
      yield encoder.encode('"\n{"b":2}\n');
    }
    const events = await collect(readLines(big(), { maxLineBytes: 1024 * 1024 }));
    expect(events.map((e) => e.kind)).toEqual(['line', 'problem', 'line']);
    const problem = events[1]!;
    expect(problem.kind === 'problem' && problem.problem.rule).toBe('jsonl.line-too-long');
    expect(problem.kind === 'problem' && problem.problem.message).toMatch(/50\.0 MiB/);
    expect(events[2]).toMatchObject({
      lineNumber: 3,
      text: '{"b":2}',
      byteOffset: 8 + 50 * 1024 * 1024 + 3,
    });
  });

  it('keeps memory flat over a 256 MiB stream (never the whole file in memory)', async () => {
    const line = encoder.encode(`${JSON.stringify({ text: 'x'.repeat(1000) })}\n`);
    const chunk = new Uint8Array(line.length * 1024);
    for (let i = 0; i < 1024; i++) chunk.set(line, i * line.length);
    const chunkCount = Math.ceil((256 * 1024 * 1024) / chunk.length);
    async function* stream(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < chunkCount; i++) yield chunk;
    }
    const before = process.memoryUsage();
    let peak = 0;
    let lines = 0;
    for await (const event of readLines(stream())) {
      if (event.kind === 'line') lines++;
      if (lines % 65_536 === 0) {
        const now = process.memoryUsage();
        peak = Math.max(
          peak,
          now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers,
        );
      }
    }
    expect(lines).toBe(chunkCount * 1024);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });

  it('reads any byte soup without throwing; line numbers rise and offsets stay in the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uint8Array({ maxLength: 400 })
          .map((bytes) => bytes.map((b) => (b % 7 === 0 ? 0x0a : b))),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, cuts, maxLineBytes) => {
          const events = await collect(readLines(chunksOf(splitAt(bytes, cuts)), { maxLineBytes }));
          let last = 0;
          for (const event of events) {
            expect(event.lineNumber).toBeGreaterThanOrEqual(last);
            expect(event.byteOffset).toBeLessThanOrEqual(bytes.length);
            last = event.lineNumber;
            if (event.kind === 'line') {
              expect(event.byteLength).toBeLessThanOrEqual(maxLineBytes);
              expect(event.byteOffset + event.byteLength).toBeLessThanOrEqual(bytes.length);
            }
          }
        },
      ),
    );
  });

  it('gives the same lines however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 10 }),
        fc.array(fc.nat(300), { maxLength: 10 }),
        async (texts, cuts) => {
          const clean = texts.map((t) => t.replace(/[\r\n]/g, ' '));
          const bytes = encoder.encode(clean.map((t) => `${t}\n`).join(''));
          const whole = await collect(readLines(chunksOf([bytes])));
          const chunked = await collect(readLines(chunksOf(splitAt(bytes, cuts))));
          expect(chunked).toEqual(whole);
          const lines = whole.filter((e) => e.kind === 'line');
          const expected = clean
            .map((text, i) => ({ text, lineNumber: i + 1 }))
            .filter(
              ({ text, lineNumber }) =>
                !/^[ \t]*$/.test(text) && !(lineNumber === 1 && text.startsWith('\uFEFF')),
            );
          expect(lines.map((e) => [e.lineNumber, e.text])).toEqual(
            expected.map((e) => [e.lineNumber, e.text]),
          );
        },
      ),
    );
  });
});

describe('readJsonl', () => {
  it('round-trips any JSON values, whatever the chunking, CRLF or blank lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(2000), { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.boolean(), { maxLength: 8 }),
        async (values, cuts, crlf, blanks) => {
          const eol = crlf ? '\r\n' : '\n';
          const lines: string[] = [];
          const expectedLines: number[] = [];
          values.forEach((value, i) => {
            if (blanks[i]) lines.push('');
            lines.push(JSON.stringify(value));
            expectedLines.push(lines.length);
          });
          const bytes = encoder.encode(lines.map((l) => l + eol).join(''));
          const events = await collect(readJsonl(chunksOf(splitAt(bytes, cuts))));
          const read = events.flatMap((e) => (e.kind === 'value' ? [e] : []));
          expect(read.map((e) => e.value)).toEqual(
            values.map((v) => JSON.parse(JSON.stringify(v))),
          );
          expect(read.map((e) => e.lineNumber)).toEqual(expectedLines);
          const rules = events.flatMap((e) => (e.kind === 'problem' ? [e.problem.rule] : []));
          expect(rules.filter((r) => r === 'jsonl.crlf')).toHaveLength(crlf ? 1 : 0);
          expect(rules.filter((r) => r === 'jsonl.blank-line')).toHaveLength(
            blanks.slice(0, values.length).filter(Boolean).length,
          );
          expect(rules.filter((r) => r !== 'jsonl.crlf' && r !== 'jsonl.blank-line')).toEqual([]);
        },
      ),
    );
  });

  it('reports broken JSON with line and column and keeps reading', async () => {
    const events = await collect(readJsonl(chunksOf(['{"a":1}\n{"a":}\n[1,2]\n'])));
    expect(events.map((e) => e.kind)).toEqual(['value', 'problem', 'value']);
    const problem = events[1]!;
    expect(problem.lineNumber).toBe(2);
    expect(problem.kind === 'problem' && problem.problem).toMatchObject({
      rule: 'jsonl.syntax',
      column: 6,
    });
    expect(problem.kind === 'problem' && problem.problem.message).toMatch(
      /column 6: expected a value, found '}'/,
    );
  });

  it('parses nesting 10,000 deep without crashing', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const broken = `${'['.repeat(10_000)}${']'.repeat(9_999)}`;
    const events = await collect(readJsonl(chunksOf([`${deep}\n${broken}\n`])));
    expect(events[0]?.kind).toBe('value');
    expect(events[1]?.kind === 'problem' && events[1].problem.message).toMatch(/ends too early/);
  });

  it('keeps __proto__ as a plain own key, polluting nothing', async () => {
    const events = await collect(readJsonl(chunksOf(['{"__proto__":{"polluted":true}}\n'])));
    const value = events[0]?.kind === 'value' ? events[0].value : null;
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('toJsonlLines', () => {
  it('writes one line per value with a final newline, and refuses a line break', async () => {
    const lines = await collect(toJsonlLines([{ a: 1 }, [2]], (v) => JSON.stringify(v)));
    expect(lines.join('')).toBe('{"a":1}\n[2]\n');
    await expect(collect(toJsonlLines(['x'], () => '{\n}'))).rejects.toThrow(/line break/);
  });
});
