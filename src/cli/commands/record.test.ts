import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../command';
import { recordCommand } from './record';
import { captureIo, repoRoot, runCli } from './test-helpers';

const ecgRoot = resolve(repoRoot, '../shared/data/ecg');
const ptbxl = join(ecgRoot, 'ptbxl/records500/00000/00024_hr');
const tmp = mkdtempSync(join(tmpdir(), 'cli-record-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface LeadJson {
  name: string;
  checksum: { header: number; computed: number; ok: boolean | null };
  initialValue: { ok: boolean | null };
  minMv: number;
  maxMv: number;
}

// Per-lead min and max of the raw .dat, computed here without the decoder.
function independentRange(datPath: string, nSig: number, gain: number) {
  const dat = readFileSync(datPath);
  const out = Array.from({ length: nSig }, () => ({ min: Infinity, max: -Infinity }));
  for (let k = 0; k < dat.length / 2; k++) {
    const r = out[k % nSig]!;
    const v = dat.readInt16LE(2 * k) / gain;
    r.min = Math.min(r.min, v);
    r.max = Math.max(r.max, v);
  }
  return out;
}

async function run(args: string[]) {
  const io = captureIo();
  const code = await recordCommand.run(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('ecg-workbench record', () => {
  it('prints JSON with verdicts and per-lead min/max in mV matching an independent read (child process)', async () => {
    const { code, stdout, stderr } = await runCli(['record', ptbxl, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const summary = JSON.parse(stdout) as {
      nSamples: number;
      fsHz: number;
      durationS: number;
      verified: boolean;
      leads: LeadJson[];
    };
    expect(summary).toMatchObject({ nSamples: 5000, fsHz: 500, durationS: 10, verified: true });
    const expected = independentRange(`${ptbxl}.dat`, 12, 1000);
    summary.leads.forEach((lead, i) => {
      expect(lead.checksum.ok).toBe(true);
      expect(lead.initialValue.ok).toBe(true);
      expect(lead.minMv).toBeCloseTo(expected[i]!.min, 4);
      expect(lead.maxMv).toBeCloseTo(expected[i]!.max, 4);
    });
    expect(summary.leads.map((l) => l.name).slice(3, 6)).toEqual(['aVR', 'aVL', 'aVF']);
  });

  it('prints a text summary with the duration and one row per lead', async () => {
    const { code, stdout, stderr } = await run([
      join(ecgRoot, 'wfdb-python/sample-data/s0010_re.hea'),
    ]);
    expect([code, stderr]).toEqual([EXIT.ok, '']);
    expect(stdout).toMatch(/15 signals x 38400 samples at 1000 Hz, duration 38\.400 s/);
    expect(stdout).toMatch(/files: s0010_re\.dat, s0010_re\.xyz/);
    const rows = stdout.split('\n').filter((l) => /^(I|II|III|aVR|aVL|aVF|V\d|v[xyz]) /.test(l));
    expect(rows).toHaveLength(15);
    for (const row of rows) expect(row).toMatch(/ ok +ok /);
    expect(stdout).toMatch(/verdict: checksums and initial values match/);
  });

  it('a corrupted copy: exit 1, the mismatching lead marked on stdout, the reason on stderr', async () => {
    const dat = readFileSync(`${ptbxl}.dat`);
    const at = 2 * (10 * 12 + 7);
    dat[at] = dat[at]! ^ 0x04;
    writeFileSync(join(tmp, '00024_hr.dat'), dat);
    writeFileSync(join(tmp, '00024_hr.hea'), readFileSync(`${ptbxl}.hea`));
    const { code, stdout, stderr } = await run([join(tmp, '00024_hr'), '--json']);
    expect(code).toBe(EXIT.invalid);
    const leads = (JSON.parse(stdout) as { leads: LeadJson[] }).leads;
    expect(leads.map((l) => l.checksum.ok)).toEqual(Array.from({ length: 12 }, (_, i) => i !== 7));
    expect(leads[7]!.checksum.computed).not.toBe(leads[7]!.checksum.header);
    expect(stderr).toBe(
      '00024_hr.dat: checksum-mismatch: signal 8 (V2): header checksum 2778, samples sum to 2782 (mod 65536)',
    );
  });

  it('truncated -> 1, missing -> 3, bad arguments -> 2, errors on stderr only', async () => {
    writeFileSync(
      join(tmp, 'cut.hea'),
      readFileSync(`${ptbxl}.hea`).toString().replaceAll('00024_hr', 'cut'),
    );
    writeFileSync(join(tmp, 'cut.dat'), readFileSync(`${ptbxl}.dat`).subarray(0, 1000));
    const cut = await run([join(tmp, 'cut')]);
    expect([cut.code, cut.stdout]).toEqual([EXIT.invalid, '']);
    expect(cut.stderr).toMatch(/^cut\.dat: truncated: expected 120000 bytes/);
    const missing = await run([join(tmp, 'absent')]);
    expect([missing.code, missing.stdout]).toEqual([EXIT.failure, '']);
    expect(missing.stderr).toMatch(/absent\.hea: missing-file/);
    expect((await run([])).code).toBe(EXIT.usage);
    expect((await run(['a', 'b'])).code).toBe(EXIT.usage);
    expect((await run([ptbxl, '--csv'])).stderr).toMatch(/Unknown option --csv/);
  });
});
