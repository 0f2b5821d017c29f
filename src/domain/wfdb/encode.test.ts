import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hz } from '../units';
import { decodeWfdbRecord } from './decode';
import { encodeWfdbRecord } from './encode';
import { parseWfdbHeader } from './header';
import type { EcgRecord } from './record';

const recordArb = fc
  .record({
    fs: fc.constantFrom(100, 250, 500, 1000),
    n: fc.integer({ min: 1, max: 200 }),
    names: fc.uniqueArray(fc.constantFrom('I', 'II', 'III', 'aVR', 'V1', 'V6', 'MLII', 'vx'), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .chain(({ fs, n, names }) =>
    fc.tuple(
      fc.constant({ fs, n, names }),
      fc.array(
        fc.array(
          fc.oneof(
            { weight: 20, arbitrary: fc.integer({ min: -32767, max: 32767 }) },
            { weight: 1, arbitrary: fc.constant(Number.NaN) },
          ),
          { minLength: n, maxLength: n },
        ),
        {
          minLength: names.length,
          maxLength: names.length,
        },
      ),
    ),
  )
  .map(([{ fs, n, names }, adc]): EcgRecord => ({
    recordName: 'gen',
    fsHz: hz(fs),
    nSamples: n,
    signals: names.map((name, i) => ({ name, mv: Float32Array.from(adc[i]!, (v) => v / 1000) })),
  }));

describe('encodeWfdbRecord', () => {
  it('round-trips through parse and decode with verified checksums and initial values', () => {
    fc.assert(
      fc.property(
        recordArb,
        fc.array(fc.stringMatching(/^[\x21-\x7e]{1,20}$/), { maxLength: 3 }),
        (record, comments) => {
          const { header, dat } = encodeWfdbRecord(record, { recordName: 'gen', comments });
          expect(dat.length).toBe(2 * record.nSamples * record.signals.length);
          const parsed = parseWfdbHeader(header, 'gen.hea');
          expect(parsed.comments).toEqual(comments);
          const decoded = decodeWfdbRecord(parsed, new Map([['gen.dat', dat]]));
          expect(decoded.verified).toBe(true);
          expect(decoded.fsHz).toBe(record.fsHz);
          expect(decoded.nSamples).toBe(record.nSamples);
          decoded.signals.forEach((s, i) => {
            const original = record.signals[i]!;
            expect(s.name).toBe(original.name);
            expect(s.verification.checksumOk).toBe(true);
            expect(s.verification.initialValueOk).toBe(true);
            original.mv.forEach((v, t) => {
              if (Number.isNaN(v)) expect(s.mv[t]).toBeNaN();
              else expect(Math.round(s.mv[t]! * 1000)).toBe(Math.round(v * 1000));
            });
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes format 16 lines with gain, initial value and signed checksum', () => {
    const record: EcgRecord = {
      recordName: 'x',
      fsHz: hz(500),
      nSamples: 3,
      signals: [{ name: 'II', mv: Float32Array.from([30, 30, -0.5]) }],
    };
    const { header } = encodeWfdbRecord(record, { recordName: 'demo_1', gainAdcPerMv: 1000 });
    // 30000 + 30000 - 500 = 59500 -> signed 16-bit -6036.
    expect(header).toBe('demo_1 1 500 3\ndemo_1.dat 16 1000(0)/mV 16 0 30000 -6036 0 II\n');
  });

  it('refuses values that do not fit 16 bits, bad names and mismatched lengths', () => {
    const record = (mv: number[], n = mv.length): EcgRecord => ({
      recordName: 'x',
      fsHz: hz(500),
      nSamples: n,
      signals: [{ name: 'I', mv: Float32Array.from(mv) }],
    });
    expect(() => encodeWfdbRecord(record([0, 40]), { recordName: 'x' })).toThrow(
      /sample 1: 40 mV x 1000 = 40000 ADC units does not fit 16 bits/,
    );
    expect(() => encodeWfdbRecord(record([0]), { recordName: 'bad name' })).toThrow(/record name/);
    expect(() => encodeWfdbRecord(record([0, 1], 3), { recordName: 'x' })).toThrow(
      /has 2 samples, the record says 3/,
    );
  });
});
