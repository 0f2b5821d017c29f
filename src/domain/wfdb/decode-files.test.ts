import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWfdbFiles } from './decode-files';
import { WfdbError } from './errors';

const folder = path.resolve(__dirname, '../../../../shared/data/ecg/wfdb-python/sample-data');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(folder, name)));

describe('decodeWfdbFiles (bytes in, as in the browser)', () => {
  it('finds the header among dropped files and decodes both signal files', () => {
    const files = new Map(
      ['s0010_re.hea', 's0010_re.dat', 's0010_re.xyz'].map((f) => [f, bytes(f)]),
    );
    const record = decodeWfdbFiles(files);
    expect(record.recordName).toBe('s0010_re');
    expect(record.signals).toHaveLength(15);
    expect(record.verified).toBe(true);
  });

  it('needs a record name when several headers are dropped, and a header at all', () => {
    const files = new Map(['100.hea', '100.dat', 's0010_re.hea'].map((f) => [f, bytes(f)]));
    expect(() => decodeWfdbFiles(files)).toThrow(/several headers given/);
    expect(decodeWfdbFiles(files, '100').signals.map((s) => s.name)).toEqual(['MLII', 'V5']);
    const noHeader = () => decodeWfdbFiles(new Map([['100.dat', bytes('100.dat')]]));
    expect(noHeader).toThrow(WfdbError);
    expect(noHeader).toThrow(/missing-file: no header among the given files/);
  });
});
