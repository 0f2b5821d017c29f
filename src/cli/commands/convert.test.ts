import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../command';
import { convertCommand } from './convert';
import { benchmarkPath, captureIo, runCli } from './test-helpers';

const original = readFileSync(benchmarkPath);
const realLines = original
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '');
const tmp = mkdtempSync(join(tmpdir(), 'cli-convert-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ecg-workbench convert', () => {
  it('scalar -> list -> scalar gives back ptbxl.jsonl byte for byte; exporting twice is identical', async () => {
    const v2 = join(tmp, 'v2.jsonl');
    const child = await runCli(['convert', '--to', 'list', benchmarkPath, v2]);
    expect(child.code).toBe(EXIT.ok);
    expect(child.stdout).toMatch(
      `wrote ${realLines.length} samples in the list shape (wave/measurement answers as one-element lists)`,
    );
    const v2Text = readFileSync(v2, 'utf8');
    expect(v2Text.endsWith('}\n')).toBe(true);
    expect(v2Text).toMatch(/"question_type":"wave_grounding"/);
    expect(v2Text).not.toBe(original.toString('utf8'));
    for (const line of v2Text.split('\n').slice(0, -1)) {
      const sample = JSON.parse(line) as {
        data: { reasoning: { ecg_grounding: { question_type: string; answer: unknown }[] }[] };
      };
      for (const step of sample.data.reasoning) {
        for (const g of step.ecg_grounding) expect(Array.isArray(g.answer)).toBe(true);
      }
    }

    const back = join(tmp, 'back.jsonl');
    const again = join(tmp, 'again.jsonl');
    const io = captureIo();
    expect(await convertCommand.run(['--to=scalar', v2, back], io)).toBe(EXIT.ok);
    expect(await convertCommand.run(['--to', 'scalar', v2, again], io)).toBe(EXIT.ok);
    expect(readFileSync(back).equals(original)).toBe(true);
    expect(readFileSync(again).equals(readFileSync(back))).toBe(true);
  });

  it('keeps the old names as aliases: --to 0.0.2 is --to list, --to 0.0.1 is --to scalar', async () => {
    const io = captureIo();
    const [list, oldList, scalar, oldScalar] = ['l', 'l-old', 's', 's-old'].map((n) =>
      join(tmp, `alias-${n}.jsonl`),
    ) as [string, string, string, string];
    expect(await convertCommand.run(['--to', 'list', benchmarkPath, list], io)).toBe(EXIT.ok);
    expect(await convertCommand.run(['--to', '0.0.2', benchmarkPath, oldList], io)).toBe(EXIT.ok);
    expect(await convertCommand.run(['--to', 'scalar', list, scalar], io)).toBe(EXIT.ok);
    expect(await convertCommand.run(['--to', '0.0.1', list, oldScalar], io)).toBe(EXIT.ok);
    expect(readFileSync(oldList).equals(readFileSync(list))).toBe(true);
    expect(readFileSync(list).equals(original)).toBe(false);
    expect(readFileSync(oldScalar).equals(readFileSync(scalar))).toBe(true);
    expect(readFileSync(scalar).equals(original)).toBe(true);
    expect(io.stdout.at(-1)).toMatch(/in the scalar shape/);
  });

  it('refuses an input with errors: exit 1, no output, an existing output untouched', async () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, `${realLines[0]}\n${realLines[0]}\n`);
    const out = join(tmp, 'refused.jsonl');
    const io = captureIo();
    expect(await convertCommand.run(['--to', 'list', bad, out], io)).toBe(EXIT.invalid);
    expect(existsSync(out)).toBe(false);
    expect(io.stderr.join('\n')).toMatch(
      /bad\.jsonl:2: error: sample 0: metadata\.id: id 0 is used twice/,
    );
    expect(io.stderr.at(-1)).toMatch(/not converted.*was not written/);
    writeFileSync(out, 'keep me\n');
    expect(await convertCommand.run(['--to', 'list', bad, out], captureIo())).toBe(EXIT.invalid);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });

  it('refuses dense labels', async () => {
    const path = join(tmp, 'labels.jsonl');
    const label = {
      data_source: 'ptbxl',
      ecg_id: '1',
      label: {
        rate: 'normal',
        rhythm: 'sinus',
        axis: 'normal',
        conduction: ['none'],
        ischemia: { stage: 'none', territory: ['none'] },
        other_findings: [],
        diagnosis: 'normal ECG',
      },
    };
    writeFileSync(path, `${JSON.stringify(label)}\n`);
    const io = captureIo();
    const out = join(tmp, 'labels-out.jsonl');
    expect(await convertCommand.run(['--to', 'list', path, out], io)).toBe(EXIT.invalid);
    expect(io.stderr.at(-1)).toMatch(/the input holds dense labels/);
    expect(existsSync(out)).toBe(false);
  });

  it('reads the one-file-per-sample layout and writes JSONL', async () => {
    const root = join(tmp, 'layout');
    for (const line of realLines.slice(0, 5)) {
      const sample = JSON.parse(line) as {
        metadata: { id: number; data_source: string; target_dx: string };
      };
      const dir = join(root, sample.metadata.data_source, sample.metadata.target_dx);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${sample.metadata.id}.json`), JSON.stringify(sample, null, 2));
    }
    const out = join(tmp, 'from-dir.jsonl');
    expect(await convertCommand.run(['--to', 'scalar', root, out], captureIo())).toBe(EXIT.ok);
    expect(readFileSync(out, 'utf8')).toBe(`${realLines.slice(0, 5).join('\n')}\n`);
  });

  it('exits 2 on usage errors and 3 when the output folder is missing', async () => {
    const io = captureIo();
    expect(await convertCommand.run([benchmarkPath, join(tmp, 'x.jsonl')], io)).toBe(EXIT.usage);
    expect(
      await convertCommand.run(['--to', '0.0.3', benchmarkPath, join(tmp, 'x.jsonl')], io),
    ).toBe(EXIT.usage);
    expect(await convertCommand.run(['--to', 'list', benchmarkPath], io)).toBe(EXIT.usage);
    expect(await convertCommand.run(['--to', 'list', benchmarkPath, benchmarkPath], io)).toBe(
      EXIT.usage,
    );
    expect(io.stderr.join('\n')).toMatch(/--to must be list or scalar, not "0\.0\.3"/);
    const failing = captureIo();
    const code = await convertCommand.run(
      ['--to', 'list', benchmarkPath, join(tmp, 'no/such/dir/x.jsonl')],
      failing,
    );
    expect(code).toBe(EXIT.failure);
    expect(failing.stderr.join('')).toMatch(/convert failed: .*ENOENT/);
  });
});
