import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSyntheticEcg, synthParams } from '../../domain/synth';
import { encodeWfdbRecord } from '../../domain/wfdb/encode';
import { EXIT } from '../command';
import { measureCommand } from './measure';
import { benchmarkPath, captureIo, repoRoot, runCli } from './test-helpers';

const ptbxl = (id: string) =>
  path.resolve(repoRoot, `../shared/data/ecg/ptbxl/records500/00000/${id}_hr`);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('measure command', () => {
  it('prints the JSON with every required key for a real PTB-XL record (real CLI process)', async () => {
    const { code, stdout, stderr } = await runCli(['measure', ptbxl('00001'), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const out = JSON.parse(stdout) as Record<string, unknown> & {
      leads: Record<string, Record<string, unknown>>;
      beats: Record<string, unknown>[];
    };
    for (const key of [
      'heart_rate_bpm',
      'rr_ms',
      'pr_ms',
      'qrs_ms',
      'qt_ms',
      'qtc_bazett_ms',
      'qtc_fridericia_ms',
      'qrs_axis_deg',
      'p_axis_deg',
      't_axis_deg',
      'notes',
    ]) {
      expect(out).toHaveProperty(key);
    }
    expect(Object.keys(out.leads)).toEqual([
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
    for (const lead of Object.values(out.leads)) {
      expect(Object.keys(lead)).toEqual([
        'r_mv',
        's_mv',
        'q_ms',
        'q_mv',
        'st_j_mv',
        'st_j60_mv',
        't_mv',
      ]);
    }
    expect(out.beats.length).toBeGreaterThan(5);
    for (const b of out.beats) {
      expect(typeof b.r_peak_s).toBe('number');
      expect(b.qrs_onset_s as number).toBeLessThan(b.r_peak_s as number);
      expect(b.qrs_offset_s as number).toBeGreaterThan(b.r_peak_s as number);
      expect(typeof b.premature).toBe('boolean');
      if (b.premature) expect(['supraventricular', 'ventricular']).toContain(b.origin);
      else expect(b).not.toHaveProperty('origin');
    }
    expect(out.heart_rate_bpm as number).toBeGreaterThan(30);
  });

  it('recovers a synthetic record written as WFDB, and text output names the values', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'measure-'));
    dirs.push(dir);
    const { record, truth } = generateSyntheticEcg(
      synthParams('ventricular_premature_beats', { seed: 4 }),
    );
    const { header, dat } = encodeWfdbRecord(record, { recordName: 'synth' });
    await writeFile(path.join(dir, 'synth.hea'), header);
    await writeFile(path.join(dir, 'synth.dat'), dat);
    const io = captureIo();
    expect(await measureCommand.run([path.join(dir, 'synth'), '--json'], io)).toBe(EXIT.ok);
    const out = JSON.parse(io.stdout.join('')) as {
      qrs_ms: number;
      beats: { premature: boolean; origin?: string }[];
    };
    expect(Math.abs(out.qrs_ms - truth.qrsMs)).toBeLessThanOrEqual(10);
    expect(out.beats.flatMap((b, i) => (b.premature ? [i] : []))).toEqual([
      ...truth.prematureBeatIndices,
    ]);
    expect(out.beats.filter((b) => b.premature).every((b) => b.origin === 'ventricular')).toBe(
      true,
    );
    const text = captureIo();
    expect(await measureCommand.run([path.join(dir, 'synth.hea')], text)).toBe(EXIT.ok);
    expect(text.stdout.join('\n')).toMatch(/QRS \d+ ms/);
    expect(text.stdout.join('\n')).toMatch(/premature beats: .*\(ventricular\)/);
  });

  it('usage errors exit 2, a missing record exits 3 with the file named', async () => {
    const io = captureIo();
    expect(await measureCommand.run([], io)).toBe(EXIT.usage);
    expect(io.stderr.join('')).toMatch(/Usage: ecg-workbench measure/);
    expect(await measureCommand.run(['a', '--fast'], captureIo())).toBe(EXIT.usage);
    const missing = captureIo();
    expect(await measureCommand.run([path.join(tmpdir(), 'no-such-record')], missing)).toBe(
      EXIT.failure,
    );
    expect(missing.stderr.join('')).toMatch(/no-such-record\.hea/);
  });

  it('--benchmark checks every sample whose record the folder holds, as text and JSON', async () => {
    const records = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
    const text = captureIo();
    const args = ['--benchmark', benchmarkPath, '--records', records];
    expect(await measureCommand.run(args, text)).toBe(EXIT.ok);
    const report = text.stdout.join('\n');
    // 40 benchmark ECGs are in ../shared/data/ecg/ptbxl; the 2 in ptbxl-cinc2024 are not.
    expect(report).toContain(
      `${benchmarkPath}: 41 samples checked on 40 records in ${records}; 3043 samples without a readable record there`,
    );
    expect(report).toMatch(/^ {2}all +27 +exact/m);
    expect(report).toContain('Beat-range options: 8/8 resolved; answer is the longest RR in 2/2');

    const json = captureIo();
    expect(await measureCommand.run([...args, '--json'], json)).toBe(EXIT.ok);
    const out = JSON.parse(json.stdout.join('')) as {
      samples_checked: number;
      measurements: { quantity: string; value: number | null; verdict: string }[];
      scores: { quantity: string; count: number; exact: number }[];
    };
    expect(out.samples_checked).toBe(41);
    expect(out.measurements).toHaveLength(27);
    expect(out.measurements.every((m) => m.value !== null && m.verdict !== 'miss')).toBe(true);
    expect(out.scores.at(-1)).toMatchObject({ quantity: 'all', count: 27 });
  });

  it('--benchmark also finds records kept outside the PTB-XL layout, by file name', async () => {
    // ../shared/data/ecg holds 2 more benchmark ECGs in PhysioNet Challenge 2024 folders
    // (ptbxl-cinc2024/tiny_testset/hr_gt/<id>_hr): their 3 samples are checked too.
    const records = path.resolve(repoRoot, '../shared/data/ecg');
    const json = captureIo();
    const args = ['--benchmark', benchmarkPath, '--records', records, '--json'];
    expect(await measureCommand.run(args, json)).toBe(EXIT.ok);
    const out = JSON.parse(json.stdout.join('')) as {
      samples_checked: number;
      measurements: { ecgId: string; quantity: string }[];
    };
    expect(out.samples_checked).toBe(44);
    expect(out.measurements).toHaveLength(30);
    const challenge = out.measurements.filter((m) => m.ecgId === '17292').map((m) => m.quantity);
    expect(challenge.sort()).toEqual(['pr_interval', 'qrs_axis', 'r_amplitude']);
  });

  it('--benchmark needs --records and an existing folder', async () => {
    const usage = captureIo();
    expect(await measureCommand.run(['--benchmark', benchmarkPath], usage)).toBe(EXIT.usage);
    expect(usage.stderr.join('')).toMatch(/--records, the WFDB records folder/);
    const missing = captureIo();
    const args = ['--benchmark', benchmarkPath, '--records', path.join(tmpdir(), 'no-such-dir')];
    expect(await measureCommand.run(args, missing)).toBe(EXIT.failure);
    expect(missing.stderr.join('')).toMatch(/no-such-dir: it does not exist/);
  });
});
