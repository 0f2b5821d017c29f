import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseLeadName } from '../leads';
import { WfdbError } from './errors';
import type { WfdbHeader, WfdbSignalSpec } from './header';
import { formatWfdbHeader, parseWfdbHeader } from './header';

const ecgRoot = path.resolve(__dirname, '../../../../shared/data/ecg');
const readHeader = (rel: string) =>
  parseWfdbHeader(readFileSync(path.join(ecgRoot, rel), 'utf8'), path.basename(rel));

function expectWfdbError(
  fn: () => unknown,
  reason: WfdbError['reason'],
  match?: RegExp,
): WfdbError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WfdbError);
    const e = error as WfdbError;
    expect(e.reason).toBe(reason);
    if (match) expect(e.message).toMatch(match);
    return e;
  }
  throw new Error(`expected WfdbError(${reason}), nothing was thrown`);
}

describe('parseWfdbHeader on real headers', () => {
  it('PTB-XL: unsigned checksums, AVR -> aVR, units mV', () => {
    const h = readHeader('ptbxl/records500/00000/00024_hr.hea');
    expect(h).toMatchObject({ recordName: '00024_hr', nSignals: 12, fsHz: 500, nSamples: 5000 });
    expect(h.signals.map((s) => s.leadName)).toEqual([
      'I',
      'II',
      'III',
      'aVR',
      'aVL',
      'aVF',
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
    ]);
    expect(h.signals[3]).toMatchObject({
      fileName: '00024_hr.dat',
      format: 16,
      adcGain: 1000,
      baseline: 0,
      units: 'mV',
      adcResolution: 16,
      adcZero: 0,
      initialValue: 0,
      checksum: 55097,
      blockSize: 0,
      description: 'AVR',
    });
    expect(h.counterFreqHz).toBeUndefined();
    expect(h.comments).toEqual([]);
  });

  it('wfdb-python 100: comment before the record line, blank and CRLF lines, gain without units', () => {
    const h = readHeader('wfdb-python/sample-data/100.hea');
    expect(h).toMatchObject({ recordName: '100', nSignals: 2, fsHz: 360, nSamples: 650000 });
    expect(h.comments).toEqual(['unnecessary comment', '69 M 1085 1629 x1', 'Aldomet, Inderal']);
    expect(h.signals[0]).toMatchObject({
      format: 212,
      adcGain: 200,
      baseline: 1024,
      units: 'mV',
      adcResolution: 11,
      adcZero: 1024,
      initialValue: 995,
      checksum: -22131,
      leadName: 'MLII',
    });
  });

  it('sel100: fs/counter frequency 250/360 and gain(baseline) without units', () => {
    const h = readHeader('ecg-image-kit/SampleData/QT_data/sel100.hea');
    expect(h.fsHz).toBe(250);
    expect(h.counterFreqHz).toBe(360);
    expect(h.signals[1]).toMatchObject({
      adcGain: 200,
      baseline: 0,
      adcZero: 1024,
      units: 'mV',
      leadName: 'V5',
    });
    expect(h.comments[2]).toBe('Produced by xform from record 100, beginning at 7:00.000');
  });

  it('s0010_re: 15 signals over .dat and .xyz, lowercase names normalised', () => {
    const h = readHeader('wfdb-python/sample-data/s0010_re.hea');
    expect(h.signals).toHaveLength(15);
    expect(h.signals.filter((s) => s.fileName === 's0010_re.xyz').map((s) => s.leadName)).toEqual([
      'vx',
      'vy',
      'vz',
    ]);
    expect(h.signals.slice(0, 6).map((s) => s.leadName)).toEqual([
      'I',
      'II',
      'III',
      'aVR',
      'aVL',
      'aVF',
    ]);
    expect(h.signals[0]).toMatchObject({ adcGain: 2000, baseline: 0, units: 'mV' });
    expect(h.comments).toContain('Smoker: no');
  });

  it('.mat records: 16+24 and 16x1+24', () => {
    const js = readHeader('ecg-image-kit/SampleData/12lead/JS00001.hea');
    expect(js.signals[0]).toMatchObject({
      fileName: 'JS00001.mat',
      format: 16,
      samplesPerFrame: 1,
      byteOffset: 24,
    });
    const hr = readHeader('torch_ecg/sample-data/cinc2021/HR06000.hea');
    expect(hr.signals[0]).toMatchObject({
      format: 16,
      samplesPerFrame: 1,
      byteOffset: 24,
      units: 'mv',
    });
  });

  it('fractional gain with a baseline outside 16 bits', () => {
    const h = readHeader('torch_ecg/sample-data/cpsc2021/data_8_4.hea');
    expect(h.signals[0]).toMatchObject({
      adcGain: 38777.46675997201,
      baseline: -199006,
      units: 'mV',
    });
    expect(h.comments).toEqual(['persistent atrial fibrillation']);
  });

  it('record line with base time and date', () => {
    const h = readHeader('ptbxl-cinc2024/tiny_testset/hr_gt/16989_hr.hea');
    expect(h).toMatchObject({ baseTime: '11:31:44', baseDate: '01/10/1996' });
    expect(h.comments).toContain('Labels: Old MI, CD, TACHY');
  });
});

describe('parseWfdbHeader defaults and errors', () => {
  it('fills WFDB defaults: gain 200, baseline = ADC zero, resolution by format', () => {
    const h = parseWfdbHeader(
      'r 3\nr.dat 212\nr.dat 212 0 0 7\nr.dat 212 100/uV 0 5 9 1 0 lead with spaces\n',
      'r.hea',
    );
    expect(h.fsHz).toBe(250);
    expect(h.nSamples).toBe(0);
    expect(h.signals[0]).toMatchObject({
      adcGain: 200,
      baseline: 0,
      units: 'mV',
      adcResolution: 12,
      adcZero: 0,
      description: '',
      leadName: 'signal 1',
    });
    expect(h.signals[0]?.initialValue).toBeUndefined();
    expect(h.signals[0]?.checksum).toBeUndefined();
    expect(h.signals[1]).toMatchObject({
      adcGain: 200,
      adcResolution: 12,
      adcZero: 7,
      baseline: 7,
    });
    expect(h.signals[2]).toMatchObject({
      adcGain: 100,
      units: 'uV',
      baseline: 5,
      initialValue: 9,
      checksum: 1,
      description: 'lead with spaces',
    });
  });

  it.each([
    ['', /no record line/],
    ['# only a comment\n', /no record line/],
    ['r two 500\n', /signal count must be an integer/],
    ['r 1 500 10\n', /declares 1 signal\(s\) but 0/],
    ['r 1 500 10\nr.dat 16\nr.dat 16\n', /line 3: the record line declares 1 signal/],
    ['r 1 fast 10\nr.dat 16\n', /invalid sampling frequency/],
    ['r 1 0 10\nr.dat 16\n', /sampling frequency must be > 0/],
    ['r 1 500 -5\nr.dat 16\n', /sample count must be >= 0/],
    ['r 1 500 10 25:00:xx\nr.dat 16\n', /invalid base time/],
    ['r 1 500 10\nr.dat sixteen\n', /line 2: signal 1: invalid format field/],
    ['r 1 500 10\nr.dat 16x0\n', /samples per frame must be >= 1/],
    ['r 1 500 10\nr.dat 16 abc/mV\n', /invalid gain field/],
    ['r 1 500 10\nr.dat 16 200 16 0 1.5\n', /initial value must be an integer/],
    ['r 1 500 10 12:00:00 01/01/2000 extra\nr.dat 16\n', /unexpected extra fields/],
    ['r 1 500 10\n../../etc/passwd 16\n', /must be a plain file name/],
    ['r 1 500 10\nsub\\r.dat 16\n', /must be a plain file name/],
  ])('%j is a malformed header', (text, match) => {
    const e = expectWfdbError(() => parseWfdbHeader(text, 'r.hea'), 'malformed-header', match);
    expect(e.file).toBe('r.hea');
  });

  it('multi-segment records are refused as unsupported', () => {
    expectWfdbError(
      () => parseWfdbHeader('r/2 1 500 10\n', 'r.hea'),
      'unsupported-format',
      /multi-segment/,
    );
  });

  it('signals sharing a file must agree on format and offset and be adjacent', () => {
    expectWfdbError(
      () => parseWfdbHeader('r 2 500 10\nr.dat 16\nr.dat 212\n', 'r.hea'),
      'inconsistent',
      /formats 16 and 212/,
    );
    expectWfdbError(
      () => parseWfdbHeader('r 2 500 10\nr.dat 16+24\nr.dat 16\n', 'r.hea'),
      'inconsistent',
      /byte offsets 24 and 0/,
    );
    expectWfdbError(
      () => parseWfdbHeader('r 3 500 10\na.dat 16\nb.dat 16\na.dat 16\n', 'r.hea'),
      'inconsistent',
      /adjacent/,
    );
  });
});

// Generators for the property tests: every field WFDB allows, written in full.
const token = fc.stringMatching(/^[A-Za-z0-9_][\w.-]{0,11}$/);
const finiteNonZero = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 })
  .filter((g) => g !== 0 && !Object.is(g, -0));
const int16ish = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const description = fc.stringMatching(/^[A-Za-z0-9_()+-]{1,6}(?: [A-Za-z0-9_()+-]{1,6}){0,2}$/);
const comment = fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/);

const signalSpec = (
  fileName: string,
  format: number,
  byteOffset: number,
): fc.Arbitrary<WfdbSignalSpec> =>
  fc
    .record({
      samplesPerFrame: fc.integer({ min: 1, max: 4 }),
      skew: fc.option(fc.nat(20), { nil: undefined }),
      adcGain: finiteNonZero,
      baseline: int16ish,
      units: fc.constantFrom('mV', 'mv', 'uV', 'V', 'mmHg'),
      adcResolution: fc.integer({ min: 1, max: 32 }),
      adcZero: int16ish,
      initialValue: int16ish,
      checksum: fc.integer({ min: -32768, max: 65535 }),
      blockSize: fc.nat(1024),
      description,
    })
    .map(({ skew, ...rest }) => ({
      fileName,
      format,
      byteOffset,
      ...(skew === undefined ? {} : { skew }),
      ...rest,
      leadName: rest.description,
    }));

const headerArb: fc.Arbitrary<WfdbHeader> = fc
  .record({
    recordName: token,
    fsHz: fc.oneof(
      fc.integer({ min: 1, max: 10000 }),
      fc.double({ min: 0.001, max: 1e5, noNaN: true }),
    ),
    counter: fc.option(
      fc.record({
        freq: fc.integer({ min: 1, max: 100000 }),
        base: fc.option(fc.nat(1e6), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    nSamples: fc.nat(1e9),
    time: fc.option(
      fc.tuple(
        fc.constantFrom('12:00:00', '01:02:03.250', '7:5'),
        fc.option(fc.constantFrom('01/10/1996', '31/12/2020'), { nil: undefined }),
      ),
      { nil: undefined },
    ),
    groups: fc.array(
      fc.record({
        file: token,
        format: fc.constantFrom(8, 16, 24, 32, 61, 80, 160, 212, 311),
        offset: fc.nat(4096),
        count: fc.integer({ min: 1, max: 4 }),
      }),
      { maxLength: 4 },
    ),
    comments: fc.array(comment, { maxLength: 4 }),
  })
  .chain(({ groups, ...rest }) => {
    const unique = groups.map((g, i) => ({ ...g, file: `${g.file}${i}.dat` }));
    const specs = unique.flatMap((g) =>
      Array.from({ length: g.count }, () => signalSpec(g.file, g.format, g.offset)),
    );
    return fc.tuple(fc.constant(rest), fc.tuple(...specs));
  })
  .map(([r, signals]) => ({
    recordName: r.recordName,
    nSignals: signals.length,
    fsHz: r.fsHz as WfdbHeader['fsHz'],
    ...(r.counter ? { counterFreqHz: r.counter.freq as WfdbHeader['fsHz'] } : {}),
    ...(r.counter?.base === undefined ? {} : { baseCounter: r.counter.base }),
    nSamples: r.nSamples,
    ...(r.time ? { baseTime: r.time[0] } : {}),
    ...(r.time?.[1] === undefined ? {} : { baseDate: r.time[1] }),
    signals,
    comments: r.comments,
  }));

describe('parseWfdbHeader properties', () => {
  it('a printed header parses back to the same values', () => {
    fc.assert(
      fc.property(headerArb, (header) => {
        const parsed = parseWfdbHeader(formatWfdbHeader(header), 'gen.hea');
        expect(parsed).toEqual({
          ...header,
          signals: header.signals.map((s) => ({
            ...s,
            leadName: normaliseLeadName(s.description),
          })),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is unaffected by CRLF line ends, blank lines and comments between lines', () => {
    fc.assert(
      fc.property(headerArb, fc.constantFrom('\r\n', '\n', '\r'), (header, eol) => {
        const noisy = formatWfdbHeader(header)
          .split('\n')
          .flatMap((line) => [line, '', '# noise'])
          .join(eol);
        const parsed = parseWfdbHeader(`# lead-in${eol}${noisy}`, 'gen.hea');
        expect(parsed.signals).toEqual(
          parseWfdbHeader(formatWfdbHeader(header), 'gen.hea').signals,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('random text never throws anything but WfdbError', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .array(
          fc.constantFrom(
            'r',
            ' ',
            '1',
            '16',
            '212',
            '/',
            '(',
            ')',
            '+',
            'x',
            ':',
            '\n',
            '#',
            '-',
            '.',
            'e',
            '9',
            'mV',
          ),
          { maxLength: 80 },
        )
        .map((a) => a.join('')),
      headerArb
        .map(formatWfdbHeader)
        .chain((text) =>
          fc
            .tuple(fc.nat(text.length), fc.nat(text.length), fc.string({ maxLength: 5 }))
            .map(([a, b, ins]) => text.slice(0, Math.min(a, b)) + ins + text.slice(Math.max(a, b))),
        ),
    );
    fc.assert(
      fc.property(junk, (text) => {
        try {
          parseWfdbHeader(text, 'junk.hea');
        } catch (error) {
          expect(error).toBeInstanceOf(WfdbError);
          expect((error as WfdbError).file).toBe('junk.hea');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
