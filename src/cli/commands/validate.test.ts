import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../command';
import { benchmarkPath, captureIo, repoRoot, runCli } from './test-helpers';
import { validateCommand } from './validate';

const realLines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const tmp = mkdtempSync(join(tmpdir(), 'cli-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('ecg-workbench validate', () => {
  it('passes ptbxl.jsonl as scalar-shaped samples (child process, --json)', async () => {
    const { code, stdout, stderr } = await runCli(['validate', benchmarkPath, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      valid: true,
      kind: 'samples',
      answerShape: 'scalar',
      source: 'jsonl',
      counts: { samples: realLines.length, errors: 0 },
    });
  });

  it('passes through the ecg-workbench bin as well', async () => {
    const path = file('two.jsonl', `${realLines[0]}\n${realLines[1]}\n`);
    const { code, stdout } = await runCli(
      ['validate', path],
      [join(repoRoot, 'bin/ecg-workbench.js')],
    );
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/valid: 2 benchmark samples/);
  });

  it('lists every problem with file:line, sample id and JSON path, and exits 1', async () => {
    const sample = JSON.parse(realLines[0]!) as {
      data: { reasoning: { criterion_selection: { answer_idx: number } }[] };
    };
    sample.data.reasoning[0]!.criterion_selection.answer_idx = 4;
    const path = file(
      'bad.jsonl',
      `${realLines[1]}\n${JSON.stringify(sample)}\n{"metadata":\n${realLines[1]}\n`,
    );
    const io = captureIo();
    const code = await validateCommand.run([path], io);
    expect(code).toBe(EXIT.invalid);
    const out = io.stdout.join('\n');
    expect(out).toContain(
      `${path}:2: error: sample 0: data.reasoning[0].criterion_selection.answer`,
    );
    expect(out).toMatch(new RegExp(`${path}:3: error: not valid JSON at column 13`));
    expect(out).toMatch(
      new RegExp(`${path}:4: error: sample 1: metadata.id: id 1 is used twice: here and on line 1`),
    );
    expect(io.stdout.at(-1)).toMatch(
      /INVALID: 3 benchmark samples, scalar shape \(wave\/measurement answers as one text and one number\); \d+ errors/,
    );
    expect(io.stdout.join('\n')).not.toMatch(/0\.0\.[12]|format/);
  });

  it('tells dense labels apart and reports in JSON with line, id and path', async () => {
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
    const path = file(
      'labels.jsonl',
      `${JSON.stringify(label)}\n${JSON.stringify({ ...label, extra: 1, ecg_id: '2' })}\n`,
    );
    const io = captureIo();
    const code = await validateCommand.run(['--json', path], io);
    expect(code).toBe(EXIT.invalid);
    const report = JSON.parse(io.stdout.join('')) as {
      kind: string;
      problems: { lineNumber: number; sampleId: number | null; pathText: string; rule: string }[];
    };
    expect(report.kind).toBe('dense-labels');
    expect(report.problems).toEqual([
      expect.objectContaining({ lineNumber: 2, sampleId: null, pathText: '', rule: 'unknown-key' }),
    ]);
  });

  it('exits 2 on a usage error and 3 when the file is missing, on stderr', async () => {
    const usage = captureIo();
    expect(await validateCommand.run([], usage)).toBe(EXIT.usage);
    expect(await validateCommand.run(['a', 'b'], usage)).toBe(EXIT.usage);
    expect(await validateCommand.run(['--bogus', 'a'], usage)).toBe(EXIT.usage);
    expect(usage.stderr.join('\n')).toMatch(/unknown option --bogus/);
    expect(usage.stdout).toEqual([]);
    const missing = captureIo();
    expect(await validateCommand.run([join(tmp, 'missing.jsonl')], missing)).toBe(EXIT.failure);
    expect(missing.stderr.join('')).toMatch(/missing\.jsonl: no such file or directory/);
  });

  it('honours --max-line-mb', async () => {
    const path = file('long.jsonl', `${realLines[0]}\n`);
    const io = captureIo();
    expect(await validateCommand.run(['--max-line-mb', '0.001', path], io)).toBe(EXIT.invalid);
    expect(io.stdout.join('\n')).toMatch(
      /:1: error: the line is .* longer than the limit of 1\.0 KiB/,
    );
  });
});
