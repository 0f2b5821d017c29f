import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/test-database';
import { EXIT } from '../command';
import { regenerateCommand } from './regenerate';
import { resampleCommand } from './resample';
import { benchmarkPath, captureIo, repoRoot } from './test-helpers';

const exec = promisify(execFile);
const temp = makeTempDir('cli-curator-');
const { DATABASE_URL: _unused, ...inherited } = process.env;
const env = {
  ...inherited,
  DATA_DIR: temp.dir,
  RECORDS_DIR: resolve(repoRoot, '../shared/data/ecg/ptbxl'),
};

/** Runs the CLI on the temp workspace (SQLite in DATA_DIR). */
async function cli(args: readonly string[], input?: string) {
  const child = exec(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...args],
    {
      cwd: repoRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface TemplateJson {
  samples: number;
  templates: { key: { targetDx: string; dxLabel: boolean; pathIdx: number }; count: number }[];
}

beforeAll(async () => {
  expect((await cli(['import', benchmarkPath])).code).toBe(EXIT.ok);
  expect(
    (
      await cli(
        ['user', 'add', 'cora', '--role', 'curator', '--password-stdin'],
        'a long enough password',
      )
    ).code,
  ).toBe(EXIT.ok);
  expect(
    (
      await cli(
        ['user', 'add', 'rex', '--role', 'reviewer', '--password-stdin'],
        'a long enough password',
      )
    ).code,
  ).toBe(EXIT.ok);
}, 120_000);
afterAll(() => temp.remove());

describe('ecg-workbench templates', () => {
  it('lists the same 73 templates from the file and from the workspace it was imported into', async () => {
    const fromFile = await cli(['templates', '--json', benchmarkPath]);
    const fromWorkspace = await cli(['templates', '--json']);
    expect(fromFile.code).toBe(EXIT.ok);
    expect(fromWorkspace.code).toBe(EXIT.ok);
    const a = JSON.parse(fromFile.stdout) as TemplateJson;
    const b = JSON.parse(fromWorkspace.stdout) as TemplateJson;
    expect(a.samples).toBe(3084);
    expect(a.templates).toHaveLength(73);
    expect(a.templates.reduce((n, t) => n + t.count, 0)).toBe(3084);
    expect(b.templates.map((t) => [t.key, t.count])).toEqual(
      a.templates.map((t) => [t.key, t.count]),
    );
    const text = await cli(['templates', benchmarkPath]);
    expect(text.stdout).toMatch(/^73 templates \(73 variants\) from 3084 samples of /);
    expect(text.stdout).toContain(
      'first_degree_av_block true 0: 100 samples (ptbxl 100), 1 variant',
    );
    expect((await cli(['templates', 'a', 'b'])).code).toBe(EXIT.usage);
  });
});

describe('ecg-workbench regenerate-check', () => {
  it('prints the leave-one-out figures as one JSON object of the agreed shape, every miss listed', async () => {
    const { code, stdout } = await cli([
      'regenerate-check',
      '--records',
      resolve(repoRoot, '../shared/data/ecg'),
      benchmarkPath,
      '--json',
    ]);
    expect(code).toBe(EXIT.ok);
    const r = JSON.parse(stdout) as {
      samples: number;
      valid: number;
      measurement: { total: number; sameBin: number; sameOrNeighbour: number };
      wave: { total: number; overlapping: number };
      lead: { total: number; exact: number };
      misses: { kind: string }[];
    };
    expect(Object.keys(r)).toEqual(['samples', 'valid', 'measurement', 'wave', 'lead', 'misses']);
    expect(Object.keys(r.measurement)).toEqual(['total', 'sameBin', 'sameOrNeighbour']);
    // 44 samples of ptbxl.jsonl have their records in ../shared (42 ECGs, two in ptbxl-cinc2024).
    expect([r.samples, r.valid, r.measurement.total, r.wave.total, r.lead.total]).toEqual([
      44, 44, 30, 75, 13,
    ]);
    const count = (kind: string) => r.misses.filter((m) => m.kind === kind).length;
    expect(count('measurement')).toBe(r.measurement.total - r.measurement.sameBin);
    expect(count('wave')).toBe(r.wave.total - r.wave.overlapping);
    expect(count('lead')).toBe(r.lead.total - r.lead.exact);
  });

  it('refuses a missing records folder and a missing file', async () => {
    expect((await cli(['regenerate-check', benchmarkPath])).code).toBe(EXIT.usage);
    expect(
      (await cli(['regenerate-check', '--records', join(temp.dir, 'nope'), benchmarkPath])).code,
    ).toBe(EXIT.failure);
  });
});

describe('ecg-workbench resample and regenerate', () => {
  it('lists candidates, then re-samples onto the best one as the named curator', async () => {
    const listed = await cli(['resample', '--sample', 'ptbxl:2232', '--json']);
    expect(listed.code).toBe(EXIT.ok);
    const report = JSON.parse(listed.stdout) as { ranked: { ecgId: string }[] };
    expect(report.ranked.length).toBeGreaterThan(5);
    const done = await cli([
      'resample',
      '--sample',
      'ptbxl:2232',
      '--best',
      '--as',
      'cora',
      '--seed',
      '12',
      '--json',
    ]);
    expect(done.code).toBe(EXIT.ok);
    const out = JSON.parse(done.stdout) as {
      version: number;
      provenance: { ecg: { ecgId: string }; seed: number };
    };
    expect(out.version).toBe(2);
    expect(out.provenance.ecg.ecgId).toBe(report.ranked[0]!.ecgId);
    expect(out.provenance.seed).toBe(12);
  });

  it('says what is wrong with its arguments, and who may re-sample', async () => {
    const usage = [
      ['resample'],
      ['resample', '--sample', 'ptbxl-12'],
      ['resample', '--sample', 'ptbxl:12', '--best'],
      ['resample', '--sample', 'ptbxl:12', '--ecg', '1', '--best', '--as', 'cora'],
      ['resample', '--sample', 'ptbxl:12', '--best', '--as', 'cora', '--seed', '-1'],
      ['regenerate', '--dx', 'flu'],
      ['regenerate', '--dx', 'left_ventricular_hypertrophy', '--apply'],
    ];
    // Usage errors come before the workspace is opened: run in process.
    for (const [name, ...rest] of usage) {
      const command = name === 'resample' ? resampleCommand : regenerateCommand;
      const io = captureIo();
      expect(await command.run(rest, io), rest.join(' ')).toBe(EXIT.usage);
      expect(io.stderr.join('\n')).toMatch(/Usage: ecg-workbench /);
    }
    const reviewer = await cli(['resample', '--sample', 'ptbxl:12', '--best', '--as', 'rex']);
    expect(reviewer.code).toBe(EXIT.invalid);
    expect(reviewer.stderr).toMatch(
      /"rex" is a reviewer; re-sampling and regeneration need a curator or admin/,
    );
    const unknown = await cli(['resample', '--sample', 'ptbxl:99999']);
    expect(unknown.code).toBe(EXIT.invalid);
    expect(unknown.stderr).toMatch(/Sample ptbxl:99999 not found/);
  });

  it('previews a regeneration without writing, then applies it', async () => {
    const preview = await cli(['regenerate', '--dx', 'premature_ventricular_complex', '--json']);
    expect(preview.code).toBe(EXIT.ok);
    const p = JSON.parse(preview.stdout) as {
      applied: null;
      samples: { id: number; generated: boolean; changed: string[] }[];
    };
    expect(p.applied).toBeNull();
    expect(p.samples.filter((s) => s.generated).map((s) => s.id)).toEqual([1431]);
    const again = JSON.parse(
      (await cli(['regenerate', '--dx', 'premature_ventricular_complex', '--json'])).stdout,
    ) as typeof p;
    expect(again.samples).toEqual(p.samples);
    const applied = await cli([
      'regenerate',
      '--dx',
      'premature_ventricular_complex',
      '--apply',
      '--as',
      'cora',
    ]);
    expect(applied.code).toBe(EXIT.ok);
    expect(applied.stdout).toMatch(
      /Applied in one transaction: 1 revision written, 0 unchanged, 199 not generated/,
    );
  });
});
