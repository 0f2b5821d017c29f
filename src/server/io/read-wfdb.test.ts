import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WfdbError } from '../../domain/wfdb/errors';
import { readWfdbRecord } from './read-wfdb';

const repoRoot = path.resolve(__dirname, '../../..');
const ecgRoot = path.resolve(repoRoot, '../shared/data/ecg');

interface IndexRow {
  recordPath: string;
  fs: number;
  nSig: number;
  nSamples: number;
}

// index.csv has one quoted field with commas ("16 (.mat, 24-byte offset)"), so split carefully.
function readIndex(): IndexRow[] {
  const lines = readFileSync(path.join(ecgRoot, 'index.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const fields = [...line.matchAll(/"([^"]*)"|([^,]*)(?:,|$)/g)].map((m) => m[1] ?? m[2] ?? '');
    return {
      recordPath: fields[col('record_path')]!,
      fs: Number(fields[col('fs')]),
      nSig: Number(fields[col('n_sig')]),
      nSamples: Number(fields[col('n_samples')]),
    };
  });
}

const index = readIndex();

describe('readWfdbRecord on every record of index.csv', () => {
  it('index.csv lists 105 records', () => {
    expect(index).toHaveLength(105);
  });

  it.each(index.map((row) => [row.recordPath, row] as const))(
    '%s decodes and verifies',
    async (_, row) => {
      const record = await readWfdbRecord(path.join(ecgRoot, row.recordPath.replace(/\.hea$/, '')));
      expect(record.verified).toBe(true);
      expect(record.fsHz).toBe(row.fs);
      expect(record.nSamples).toBe(row.nSamples);
      expect(record.signals).toHaveLength(row.nSig);
      for (const s of record.signals) {
        // Every header here states both, so both verdicts must be a real true, not "not given".
        expect(s.verification.checksumOk).toBe(true);
        expect(s.verification.initialValueOk).toBe(true);
        expect(s.mv).toHaveLength(row.nSamples);
        expect(s.mv.some(Number.isNaN)).toBe(false);
      }
    },
  );

  it('PTB-XL 00024_hr samples equal an independent read of the .dat', async () => {
    const base = path.join(ecgRoot, 'ptbxl/records500/00000/00024_hr');
    const record = await readWfdbRecord(base);
    const dat = readFileSync(`${base}.dat`);
    for (const t of [0, 1, 2499, 4999]) {
      record.signals.forEach((s, i) => {
        const adc = dat.readInt16LE(2 * (t * 12 + i));
        expect(s.adc[t]).toBe(adc);
        expect(s.mv[t]).toBeCloseTo(adc / 1000, 6);
      });
    }
    expect(record.signals.map((s) => s.name).slice(3, 6)).toEqual(['aVR', 'aVL', 'aVF']);
  });

  it('MIT-BIH 100 (format 212): first samples in mV as WFDB gives them', async () => {
    const record = await readWfdbRecord(path.join(ecgRoot, 'wfdb-python/sample-data/100'));
    expect(record.signals.map((s) => s.name)).toEqual(['MLII', 'V5']);
    expect(record.signals[0]!.adc[0]).toBe(995);
    expect(record.signals[0]!.mv[0]).toBeCloseTo((995 - 1024) / 200, 6);
    expect(record.signals[1]!.mv[0]).toBeCloseTo((1011 - 1024) / 200, 6);
  });

  it('s0010_re reads 12 leads from .dat and 3 from .xyz; .mat skips its 24-byte prefix', async () => {
    const ptb = await readWfdbRecord(path.join(ecgRoot, 'wfdb-python/sample-data/s0010_re'));
    expect(ptb.signals.map((s) => s.name)).toEqual([
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
      'vx',
      'vy',
      'vz',
    ]);
    const xyz = readFileSync(path.join(ecgRoot, 'wfdb-python/sample-data/s0010_re.xyz'));
    expect(ptb.signals[13]!.adc[100]).toBe(xyz.readInt16LE(2 * (100 * 3 + 1)));
    const mat = await readWfdbRecord(
      path.join(ecgRoot, 'ecg-image-kit/SampleData/12lead/JS00001.hea'),
    );
    const bytes = readFileSync(path.join(ecgRoot, 'ecg-image-kit/SampleData/12lead/JS00001.mat'));
    expect(mat.signals[5]!.adc[7]).toBe(bytes.readInt16LE(24 + 2 * (7 * 12 + 5)));
  });
});

describe('readWfdbRecord refuses damaged copies of real records', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wfdb-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  /** Copies a real record's files into a fresh folder, letting the test change any of them. */
  function copyRecord(
    rel: string,
    files: readonly string[],
    edit: Record<string, (b: Buffer) => Buffer> = {},
  ) {
    const target = path.join(dir, String(n++));
    mkdirSync(target);
    const src = path.dirname(path.join(ecgRoot, rel));
    for (const f of files) {
      const bytes = readFileSync(path.join(src, f));
      const change = edit[f];
      if (change) writeFileSync(path.join(target, f), change(Buffer.from(bytes)), { flag: 'w' });
      else copyFileSync(path.join(src, f), path.join(target, f));
    }
    return path.join(target, path.basename(rel));
  }

  async function refusal(base: string): Promise<WfdbError> {
    try {
      await readWfdbRecord(base);
    } catch (error) {
      expect(error).toBeInstanceOf(WfdbError);
      return error as WfdbError;
    }
    throw new Error(`${base} was accepted`);
  }

  const ptbxl = 'ptbxl/records500/00000/00024_hr';
  const ptbxlFiles = ['00024_hr.hea', '00024_hr.dat'];
  const editHeader = (fn: (text: string) => string) => (b: Buffer) =>
    Buffer.from(fn(b.toString('latin1')), 'latin1');

  it('a .dat cut short is truncated, naming the file and the sizes', async () => {
    const base = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.dat': (b) => b.subarray(0, b.length - 2),
    });
    const e = await refusal(base);
    expect(e.message).toBe(
      '00024_hr.dat: truncated: expected 120000 bytes for 12 signals x 5000 samples (format 16), found 119998',
    );
  });

  it('one flipped byte is a checksum mismatch of that lead', async () => {
    // Byte 2 * (1000 * 12 + 4) + 1 is the high byte of lead 5 (aVL) at sample 1000.
    const at = 2 * (1000 * 12 + 4) + 1;
    const base = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.dat': (b) => {
        b[at] = b[at]! ^ 0x10;
        return b;
      },
    });
    const e = await refusal(base);
    expect([e.reason, e.file]).toEqual(['checksum-mismatch', '00024_hr.dat']);
    expect(e.message).toMatch(/signal 5 \(aVL\): header checksum 56617/);
    const report = await readWfdbRecord(base, { verify: false });
    expect(report.signals.map((s) => s.verification.checksumOk)).toEqual(
      Array.from({ length: 12 }, (_, i) => i !== 4),
    );
  });

  it('a header with the wrong sample count is refused either way', async () => {
    const fewer = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.hea': editHeader((t) => t.replace('500 5000', '500 4999')),
    });
    expect(await refusal(fewer)).toMatchObject({ reason: 'inconsistent', file: '00024_hr.dat' });
    const more = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.hea': editHeader((t) => t.replace('500 5000', '500 5001')),
    });
    expect(await refusal(more)).toMatchObject({ reason: 'truncated', file: '00024_hr.dat' });
  });

  it('a changed initial value is an initial-value mismatch', async () => {
    const base = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.hea': editHeader((t) => t.replace(' -25 626 ', ' -24 626 ')),
    });
    const e = await refusal(base);
    expect(e).toMatchObject({ reason: 'initial-value-mismatch', file: '00024_hr.dat' });
    expect(e.message).toMatch(/signal 1 \(I\): header initial value -24, first sample is -25/);
  });

  it('an unknown format and a garbled header are refused with the header or data file named', async () => {
    const unknown = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.hea': editHeader((t) => t.replaceAll('.dat 16 ', '.dat 999 ')),
    });
    expect(await refusal(unknown)).toMatchObject({
      reason: 'unsupported-format',
      file: '00024_hr.dat',
    });
    const garbled = copyRecord(ptbxl, ptbxlFiles, {
      '00024_hr.hea': editHeader((t) => t.replace('1000.0(0)/mV', '1000.0(zero)/mV')),
    });
    const e = await refusal(garbled);
    expect(e).toMatchObject({ reason: 'malformed-header', file: '00024_hr.hea', line: 2 });
  });

  it('a missing .xyz or header is a missing file', async () => {
    const rel = 'wfdb-python/sample-data/s0010_re';
    const base = copyRecord(rel, ['s0010_re.hea', 's0010_re.dat']);
    const e = await refusal(base);
    expect([e.reason, e.file]).toEqual(['missing-file', 's0010_re.xyz']);
    expect(e.message).toMatch(/signal 13 \(vx\)/);
    expect(await refusal(path.join(dir, 'nowhere', 'x'))).toMatchObject({
      reason: 'missing-file',
      file: 'x.hea',
    });
  });

  it('a cut .mat and a corrupted format-212 file are refused', async () => {
    const mat = copyRecord(
      'ecg-image-kit/SampleData/12lead/JS00001',
      ['JS00001.hea', 'JS00001.mat'],
      {
        'JS00001.mat': (b) => b.subarray(0, 100000),
      },
    );
    expect((await refusal(mat)).message).toBe(
      'JS00001.mat: truncated: expected 120024 bytes for 12 signals x 5000 samples (format 16, 24-byte offset), found 100000',
    );
    const sel = copyRecord(
      'ecg-image-kit/SampleData/QT_data/sel100',
      ['sel100.hea', 'sel100.dat'],
      {
        'sel100.dat': (b) => {
          b[300001] = b[300001]! ^ 0x01;
          return b;
        },
      },
    );
    expect(await refusal(sel)).toMatchObject({ reason: 'checksum-mismatch', file: 'sel100.dat' });
  });
});
