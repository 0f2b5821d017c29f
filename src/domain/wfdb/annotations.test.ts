import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMitAnnotations } from './annotations';
import { WfdbError } from './errors';

const ecgRoot = path.resolve(__dirname, '../../../../shared/data/ecg');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(ecgRoot, rel)));

// An independent walk over the words: only counts codes and sums times, ignoring everything else.
function walk(bytes: Uint8Array): { codes: Map<number, number>; lastTime: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const codes = new Map<number, number>();
  let time = 0;
  for (let at = 0; at + 1 < bytes.length;) {
    const word = view.getUint16(at, true);
    at += 2;
    const type = Math.floor(word / 1024);
    const low = word % 1024;
    if (word === 0) break;
    if (type === 63) at += low + (low % 2);
    else if (type === 59) {
      time += view.getUint16(at, true) * 65536 + view.getUint16(at + 2, true);
      at += 4;
    } else if (type < 59) {
      time += low;
      codes.set(type, (codes.get(type) ?? 0) + 1);
    }
  }
  return { codes, lastTime: time };
}

describe('parseMitAnnotations', () => {
  it('MIT-BIH 100: 2274 annotations, 2239 N + 33 A + 1 V beats and one rhythm label', () => {
    const bytes = read('wfdb-python/sample-data/100.atr');
    const annotations = parseMitAnnotations(bytes, 360, '100.atr');
    const count = (symbol: string) => annotations.filter((a) => a.symbol === symbol).length;
    expect(annotations).toHaveLength(2274);
    expect(annotations.filter((a) => a.isBeat)).toHaveLength(2273);
    expect([count('N'), count('A'), count('V'), count('+')]).toEqual([2239, 33, 1, 1]);
    expect(annotations[0]).toMatchObject({ symbol: '+', aux: '(N', sample: 18 });

    const independent = walk(bytes);
    expect(annotations.length).toBe([...independent.codes.values()].reduce((a, b) => a + b, 0));
    expect(count('N')).toBe(independent.codes.get(1));
    expect(annotations.at(-1)!.sample).toBe(independent.lastTime);
    expect(annotations.at(-1)!.timeS).toBeCloseTo(independent.lastTime / 360, 9);
    for (let i = 1; i < annotations.length; i++)
      expect(annotations[i]!.sample).toBeGreaterThanOrEqual(annotations[i - 1]!.sample);
  });

  it('CPSC 2021 data_8_4: rhythm AUX strings and beats within the record', () => {
    const annotations = parseMitAnnotations(
      read('torch_ecg/sample-data/cpsc2021/data_8_4.atr'),
      200,
    );
    const rhythms = annotations.filter((a) => a.symbol === '+').map((a) => a.aux);
    expect(rhythms).toEqual(['(AFIB', '(N']);
    expect(annotations.every((a) => a.sample >= 0 && a.sample < 8235)).toBe(true);
    expect(annotations.filter((a) => a.isBeat).length).toBe(
      walk(read('torch_ecg/sample-data/cpsc2021/data_8_4.atr')).codes.get(1),
    );
  });

  it('handles SKIP, NUM, SUB and CHN words', () => {
    const word = (code: number, value: number) => [value & 0xff, (code << 2) | (value >> 8)];
    const bytes = Uint8Array.from([
      ...word(59, 0),
      0x01,
      0x00,
      0x02,
      0x00, // SKIP 65538
      ...word(1, 10), // N at 65548
      ...word(61, 3),
      ...word(62, 1),
      ...word(60, 7), // SUB 3, CHN 1, NUM 7 for that N
      ...word(5, 2), // V at 65550 inherits chan 1, num 7, subtype back to 0
      0,
      0,
    ]);
    const a = parseMitAnnotations(bytes, 1000, 'x.atr');
    expect(
      a.map(({ sample, symbol, subtype, chan, num }) => ({ sample, symbol, subtype, chan, num })),
    ).toEqual([
      { sample: 65548, symbol: 'N', subtype: 3, chan: 1, num: 7 },
      { sample: 65550, symbol: 'V', subtype: 0, chan: 1, num: 7 },
    ]);
  });

  it('a truncated file is a WfdbError naming the file', () => {
    const bytes = read('wfdb-python/sample-data/100.atr');
    expect(() => parseMitAnnotations(bytes.slice(0, 5), 360, '100.atr')).toThrow(WfdbError);
    expect(() => parseMitAnnotations(bytes.slice(0, 5), 360, '100.atr')).toThrow(
      /^100\.atr: truncated: AUX string of 3 bytes/,
    );
    expect(() => parseMitAnnotations(bytes.slice(0, 9), 360, '100.atr')).toThrow(
      /annotation word at byte 8/,
    );
  });
});
