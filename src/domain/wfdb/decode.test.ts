import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWfdbRecord } from './decode';
import { WfdbError } from './errors';
import { parseWfdbHeader } from './header';

// Independent little writers for each format, straight from the WFDB format descriptions.
function pack(format: number, values: readonly number[]): Uint8Array {
  const out: number[] = [];
  const le = (v: number, bytes: number) => {
    for (let i = 0; i < bytes; i++) out.push((v >>> (8 * i)) & 0xff);
  };
  if (format === 212) {
    for (let i = 0; i < values.length; i += 2) {
      const a = values[i]! & 0xfff;
      const b = i + 1 < values.length ? values[i + 1]! & 0xfff : undefined;
      out.push(a & 0xff, ((a >> 8) & 0x0f) | (b === undefined ? 0 : (b >> 8) << 4));
      if (b !== undefined) out.push(b & 0xff);
    }
    return Uint8Array.from(out);
  }
  for (const v of values) {
    if (format === 16) le(v, 2);
    else if (format === 61) out.push((v >> 8) & 0xff, v & 0xff);
    else if (format === 160) le(v + 32768, 2);
    else if (format === 80) out.push(v + 128);
    else if (format === 24) le(v, 3);
    else if (format === 32) le(v, 4);
    else throw new Error(`test writer has no format ${format}`);
  }
  return Uint8Array.from(out);
}

const RANGES: Record<number, [number, number]> = {
  16: [-32767, 32767],
  61: [-32767, 32767],
  160: [-32767, 32767],
  80: [-127, 127],
  212: [-2047, 2047],
  24: [-(2 ** 23) + 1, 2 ** 23 - 1],
  32: [-(2 ** 31) + 1, 2 ** 31 - 1],
};

const sum16 = (values: readonly number[]) => values.reduce((s, v) => (s + v) % 65536, 0);

function record(format: number, columns: number[][], gain = '200(0)/mV', offset = 0) {
  const n = columns[0]!.length;
  const interleaved: number[] = [];
  for (let t = 0; t < n; t++) for (const c of columns) interleaved.push(c[t]!);
  const fmt = offset ? `${format}+${offset}` : String(format);
  const lines = columns.map(
    (c, i) => `r.dat ${fmt} ${gain} 16 0 ${c[0] ?? 0} ${sum16(c)} 0 V${i + 1}`,
  );
  const text = `r ${columns.length} 500 ${n}\n${lines.join('\n')}\n`;
  const data = new Uint8Array(offset + pack(format, interleaved).length);
  data.set(pack(format, interleaved), offset);
  return { header: parseWfdbHeader(text, 'r.hea'), data, text };
}

describe('decodeWfdbRecord formats', () => {
  for (const format of [16, 61, 160, 80, 212, 24, 32]) {
    it(`format ${format}: ADC values, checksums and mV round-trip`, () => {
      const [lo, hi] = RANGES[format]!;
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 3 })
            .chain((nSig) =>
              fc.array(
                fc.array(fc.integer({ min: lo, max: hi }), { minLength: nSig, maxLength: nSig }),
                { minLength: 1, maxLength: 40 },
              ),
            ),
          fc.constantFrom(0, 24, 7),
          (rows, offset) => {
            const columns = rows[0]!.map((_, s) => rows.map((r) => r[s]!));
            const { header, data } = record(format, columns, '200(0)/mV', offset);
            const decoded = decodeWfdbRecord(header, new Map([['r.dat', data]]));
            expect(decoded.verified).toBe(true);
            decoded.signals.forEach((s, i) => {
              expect(Array.from(s.adc)).toEqual(columns[i]);
              expect(s.verification).toMatchObject({ checksumOk: true, initialValueOk: true });
              columns[i]!.forEach((v, t) => {
                // Float32 keeps 24 significant bits.
                expect(Math.abs(s.mv[t]! - v / 200)).toBeLessThanOrEqual(
                  Math.abs(v / 200) * 2 ** -23 + 1e-12,
                );
              });
            });
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('invalid-sample sentinels decode to NaN', () => {
    for (const [format, sentinel] of [
      [16, -32768],
      [61, -32768],
      [80, -128],
      [212, -2048],
      [24, -(2 ** 23)],
      [32, -(2 ** 31)],
    ] as const) {
      const { header, data } = record(format, [[5, sentinel, 7]]);
      const s = decodeWfdbRecord(header, new Map([['r.dat', data]])).signals[0]!;
      expect([s.mv[0], s.mv[2]]).toEqual([Math.fround(5 / 200), Math.fround(7 / 200)]);
      expect(s.mv[1]).toBeNaN();
    }
  });

  it('physical values: (adc - baseline) / gain, uV scaled to mV, missing gain = 200', () => {
    const cases: [string, number][] = [
      ['1000(10)/mV', (250 - 10) / 1000],
      ['1000(10)/mv', (250 - 10) / 1000],
      ['2(0)/uV', 250 / 2 / 1000],
      ['38777.46675997201(-199006)/mV', (250 + 199006) / 38777.46675997201],
      ['0', 250 / 200],
    ];
    for (const [gain, expected] of cases) {
      const { header, data } = record(16, [[250]], gain);
      expect(decodeWfdbRecord(header, new Map([['r.dat', data]])).signals[0]!.mv[0]).toBeCloseTo(
        expected,
        6,
      );
    }
    const noGain = parseWfdbHeader('r 1 500 1\nr.dat 16\n', 'r.hea');
    expect(
      decodeWfdbRecord(noGain, new Map([['r.dat', pack(16, [300])]])).signals[0]!.mv[0],
    ).toBeCloseTo(1.5, 6);
  });

  it('several samples per frame: adc keeps all, mV is the frame mean; skew shifts', () => {
    // Signal A has 2 samples per frame, B has 1: frame = A0 A1 B0.
    const values = [10, 20, 5, 30, 50, 6, 70, 90, 7];
    const a = [10, 20, 30, 50, 70, 90];
    const b = [5, 6, 7];
    const text = `r 2 100 3\nr.dat 16x2 1(0)/mV 16 0 10 ${sum16(a)} 0 A\nr.dat 16:1 1(0)/mV 16 0 5 ${sum16(b)} 0 B\n`;
    const decoded = decodeWfdbRecord(
      parseWfdbHeader(text, 'r.hea'),
      new Map([['r.dat', pack(16, values)]]),
    );
    expect(Array.from(decoded.signals[0]!.adc)).toEqual(a);
    expect(Array.from(decoded.signals[0]!.mv)).toEqual([15, 40, 80]);
    expect(Array.from(decoded.signals[1]!.mv).slice(0, 2)).toEqual([6, 7]);
    expect(decoded.signals[1]!.mv[2]).toBeNaN();
    expect(decoded.verified).toBe(true);
  });

  it('format 8 accumulates signed first differences from the initial value', () => {
    const adc = [100, 105, 102, -26];
    const text = `r 1 100 4\nr.dat 8 1(0)/mV 8 0 100 ${sum16(adc)} 0 I\n`;
    // Stored bytes are the differences 0, +5, -3 and -128 (0x80 as a signed byte).
    const diffs = Uint8Array.from([0x00, 0x05, 0xfd, 0x80]);
    const decoded = decodeWfdbRecord(parseWfdbHeader(text, 'r.hea'), new Map([['r.dat', diffs]]));
    expect(Array.from(decoded.signals[0]!.adc)).toEqual(adc);
    expect(decoded.signals[0]!.verification.checksumOk).toBe(true);
  });

  it('derives the sample count from the file size when the header leaves it out', () => {
    const header = parseWfdbHeader('r 2 360\nr.dat 212\nr.dat 212\n', 'r.hea');
    const decoded = decodeWfdbRecord(header, new Map([['r.dat', pack(212, [1, 2, 3, 4, 5, 6])]]));
    expect(decoded.nSamples).toBe(3);
    expect(Array.from(decoded.signals[1]!.adc)).toEqual([2, 4, 6]);
    const odd = () => decodeWfdbRecord(header, new Map([['r.dat', new Uint8Array(7)]]));
    expect(odd).toThrow(/not a whole number of frames/);
  });
});

describe('decodeWfdbRecord refusals', () => {
  const good = () =>
    record(16, [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  const reasonOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(WfdbError);
      const e = error as WfdbError;
      return { reason: e.reason, file: e.file, message: e.message };
    }
    return undefined;
  };

  it('a short file is truncated, a long one inconsistent', () => {
    const { header, data } = good();
    expect(
      reasonOf(() => decodeWfdbRecord(header, new Map([['r.dat', data.slice(0, 14)]]))),
    ).toEqual({
      reason: 'truncated',
      file: 'r.dat',
      message:
        'r.dat: truncated: expected 16 bytes for 2 signals x 4 samples (format 16), found 14',
    });
    const long = new Uint8Array(18);
    long.set(data);
    expect(reasonOf(() => decodeWfdbRecord(header, new Map([['r.dat', long]])))).toMatchObject({
      reason: 'inconsistent',
      file: 'r.dat',
    });
  });

  it('checksum and initial-value mismatches throw by default and are reported with verify:false', () => {
    const { header, data } = good();
    const flipped = data.slice();
    flipped[10]! ^= 0x01;
    expect(reasonOf(() => decodeWfdbRecord(header, new Map([['r.dat', flipped]])))).toMatchObject({
      reason: 'checksum-mismatch',
      file: 'r.dat',
      message: expect.stringMatching(/signal 2 \(V2\): header checksum 26, samples sum to 25/),
    });
    const report = decodeWfdbRecord(header, new Map([['r.dat', flipped]]), { verify: false });
    expect(report.verified).toBe(false);
    expect(report.signals.map((s) => s.verification.checksumOk)).toEqual([true, false]);

    const wrongInitial = parseWfdbHeader(
      `r 2 500 4\nr.dat 16 200 16 0 1 10 0 A\nr.dat 16 200 16 0 9 26 0 B\n`,
      'r.hea',
    );
    expect(
      reasonOf(() => decodeWfdbRecord(wrongInitial, new Map([['r.dat', data]]))),
    ).toMatchObject({
      reason: 'initial-value-mismatch',
      message: expect.stringMatching(/signal 2 \(B\): header initial value 9, first sample is 5/),
    });
  });

  it('checksums written unsigned or signed are both accepted', () => {
    const values = [30000, 30000, 30000];
    const unsigned = sum16(values);
    const signed = unsigned - 65536;
    for (const c of [unsigned, signed]) {
      const header = parseWfdbHeader(`r 1 500 3\nr.dat 16 200 16 0 30000 ${c} 0 I\n`, 'r.hea');
      expect(decodeWfdbRecord(header, new Map([['r.dat', pack(16, values)]])).verified).toBe(true);
    }
  });

  it('missing signal file and unsupported formats name the file', () => {
    const { header } = good();
    expect(reasonOf(() => decodeWfdbRecord(header, new Map()))).toMatchObject({
      reason: 'missing-file',
      file: 'r.dat',
    });
    for (const [format, why] of [
      [311, /does not decode/],
      [999, /not a WFDB format/],
    ] as const) {
      const h = parseWfdbHeader(`r 1 500 4\nr.dat ${format}\n`, 'r.hea');
      const got = reasonOf(() => decodeWfdbRecord(h, new Map([['r.dat', new Uint8Array(8)]])));
      expect(got).toMatchObject({ reason: 'unsupported-format', file: 'r.dat' });
      expect(got?.message).toMatch(why);
    }
  });

  it('null (format 0) signals decode to NaN, bounded in length', () => {
    const header = parseWfdbHeader(
      'r 2 500 3\nr.dat 16 200 16 0 1 6 0 I\n~ 0 200 12 0 0 0 0 none\n',
      'r.hea',
    );
    const decoded = decodeWfdbRecord(header, new Map([['r.dat', pack(16, [1, 2, 3])]]));
    expect(Array.from(decoded.signals[1]!.mv).every(Number.isNaN)).toBe(true);
    expect(decoded.signals[1]!.verification.checksumOk).toBeNull();
    const huge = parseWfdbHeader('r 1 500 999999999\n~ 0\n', 'r.hea');
    expect(reasonOf(() => decodeWfdbRecord(huge, new Map()))).toMatchObject({
      reason: 'inconsistent',
      file: '~',
    });
  });

  it('random headers and bytes never throw anything but WfdbError', () => {
    const headerText = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.nat(50),
        fc.array(
          fc.tuple(
            fc.constantFrom(8, 16, 24, 32, 61, 80, 160, 212, 0, 311),
            fc.integer({ min: 1, max: 3 }),
            fc.nat(3),
            fc.integer({ min: -40, max: 40 }),
          ),
          { minLength: 3, maxLength: 3 },
        ),
      )
      .map(([nSig, n, specs]) =>
        [
          `r ${nSig} 500 ${n || ''}`,
          ...specs
            .slice(0, nSig)
            .map(
              ([f, spf, off, init], i) =>
                `${i < 2 ? 'a' : 'b'}.dat ${f}x${spf}+${off} 100 12 0 ${init} ${init * 3}`,
            ),
        ].join('\n'),
      );
    fc.assert(
      fc.property(
        headerText,
        fc.uint8Array({ maxLength: 120 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        (text, a, b, verify) => {
          try {
            const decoded = decodeWfdbRecord(
              parseWfdbHeader(text, 'r.hea'),
              new Map([
                ['a.dat', a],
                ['b.dat', b],
              ]),
              { verify },
            );
            for (const s of decoded.signals) expect(s.mv).toHaveLength(decoded.nSamples);
          } catch (error) {
            expect(error).toBeInstanceOf(WfdbError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
