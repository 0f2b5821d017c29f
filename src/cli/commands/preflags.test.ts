import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../command';
import { preflagsCommand } from './preflags';
import { benchmarkPath, captureIo, repoRoot, runCli } from './test-helpers';

const records = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('preflags command', () => {
  it('runs on the samples whose records the folder holds, in worker threads (real CLI process, JSON)', async () => {
    const { code, stdout, stderr } = await runCli([
      'preflags',
      benchmarkPath,
      '--records',
      records,
      '--with-records-only',
      '--workers',
      '2',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const out = JSON.parse(stdout) as {
      samples_checked: number;
      samples_with_record: number;
      by_rule: Record<string, number>;
      flags: { sample_id: number; rule: string; at: unknown; numbers: unknown; message: string }[];
    };
    expect(out.samples_checked).toBe(41);
    expect(out.samples_with_record).toBe(41);
    // The flags judged in the README's table (Pre-flags on the real data).
    expect(out.flags.map((f) => [f.sample_id, f.rule])).toEqual([
      [548, 'finding-contradicts-measurement'],
      [1948, 'lead-answer-not-shown'],
    ]);
    expect(Object.values(out.by_rule).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('finds records kept outside the PTB-XL layout by file name, as measure and regenerate-check do', async () => {
    // ../shared/data/ecg also holds 2 benchmark ECGs in Challenge 2024 folders: 3 more samples.
    const io = captureIo();
    const all = path.resolve(repoRoot, '../shared/data/ecg');
    const args = [
      benchmarkPath,
      '--records',
      all,
      '--with-records-only',
      '--workers',
      '2',
      '--json',
    ];
    expect(await preflagsCommand.run(args, io)).toBe(EXIT.ok);
    const out = JSON.parse(io.stdout.join('')) as { samples_with_record: number };
    expect(out.samples_with_record).toBe(44);
  });

  it('gives every sample the text rules, and prints a table by rule', async () => {
    const io = captureIo();
    expect(
      await preflagsCommand.run([benchmarkPath, '--records', records, '--workers', '2'], io),
    ).toBe(EXIT.ok);
    const text = io.stdout.join('\n');
    expect(text).toContain(`${benchmarkPath}: 3084 samples checked, 40 records read`);
    // ptbxl.jsonl's known oddities: 2 repeated windows, one "21th", five LPFB answers at 75-90 degrees.
    expect(text).toMatch(/duplicate-option\s+2\n/);
    expect(text).toMatch(/misspelled-ordinal\s+1\n/);
    expect(text).toMatch(/answer-bin-against-finding\s+5\n/);
    expect(text).toContain(
      '[error] sample 216 ecg 13987 second_degree_av_block - misspelled-ordinal',
    );
  });

  it('reports a record it cannot read and checks its samples by the text rules', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'preflags-cli-'));
    dirs.push(dir);
    const folder = path.join(dir, 'records500', '00000');
    await (await import('node:fs/promises')).mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, '00001_hr.hea'), 'not a header\n');
    const sample = (await import('node:fs')).readFileSync(benchmarkPath, 'utf8').split('\n')[0]!;
    const parsed = JSON.parse(sample) as { metadata: { ecg_id: string } };
    parsed.metadata.ecg_id = '1';
    const file = path.join(dir, 'one.jsonl');
    await writeFile(file, `${JSON.stringify(parsed)}\n`);
    const io = captureIo();
    expect(await preflagsCommand.run([file, '--records', dir, '--json'], io)).toBe(EXIT.ok);
    expect(io.stderr.join('\n')).toMatch(/sample 0: record not read \(.*\); text rules only/);
    const out = JSON.parse(io.stdout.join('')) as { not_measured: { check: string }[] };
    expect(out.not_measured).toEqual([
      expect.objectContaining({ sample_id: 0, check: 'record-error' }),
    ]);
  });

  it('usage errors: no records folder, a bad worker count; a missing folder is a failure', async () => {
    expect(await preflagsCommand.run([benchmarkPath], captureIo())).toBe(EXIT.usage);
    expect(
      await preflagsCommand.run(
        [benchmarkPath, '--records', records, '--workers', '0'],
        captureIo(),
      ),
    ).toBe(EXIT.usage);
    const io = captureIo();
    expect(
      await preflagsCommand.run(
        [benchmarkPath, '--records', path.join(tmpdir(), 'no-such-dir')],
        io,
      ),
    ).toBe(EXIT.failure);
    expect(io.stderr.join('')).toContain('does not exist');
  });
});
