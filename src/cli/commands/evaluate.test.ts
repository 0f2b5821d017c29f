import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerSample, rightLoop, rightWave } from '../../testing/answer-fixtures';
import { makeTempDir } from '../../testing/test-database';
import { ANSWER_RULES } from '../../domain/evaluation/answer-set';
import { EXIT } from '../command';
import { evaluateCommand } from './evaluate';
import { evaluateLabelsCommand } from './evaluate-labels';
import { captureIo, runCli } from './test-helpers';

const temp = makeTempDir('ecg-evaluate-');
afterAll(() => temp.remove());

const FURTHER = 'Further findings are required to confirm the diagnosis';
const sample = (id: number, idqReply: string, model?: string) => {
  const s = answerSample({
    id,
    dxLabel: true,
    idqReply,
    loops: [rightLoop(FURTHER), rightLoop('Yes', [rightWave()])],
  });
  if (model === undefined) delete (s.metadata as { model?: string }).model;
  else s.metadata.model = model;
  return s;
};

function layout(root: string, model: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    const dir = join(root, model, 'ptbxl', 'first_degree_av_block');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('evaluate', () => {
  it('refuses a bad command line with the usage', async () => {
    for (const args of [
      [],
      ['x'],
      ['x', '--dataset', 'nope', '--out', 'o'],
      ['x', '--dataset', 'ptbxl'],
      ['x', '--dataset', 'ptbxl', '--out', 'o', '--bogus'],
    ]) {
      const io = captureIo();
      expect(await evaluateCommand.run(args, io), args.join(' ')).toBe(EXIT.usage);
      expect(io.stderr.join('\n')).toContain('Usage: ecg-workbench evaluate');
    }
    const io = captureIo();
    expect(
      await evaluateCommand.run(
        [join(temp.dir, 'missing'), '--dataset', 'ptbxl', '--out', join(temp.dir, 'o')],
        io,
      ),
    ).toBe(EXIT.failure);
    expect(io.stderr.join('')).toContain('no such file or directory');
  });

  it('picks and orders model folders with --models and notes a model without the dataset', async () => {
    const root = join(temp.dir, 'pick');
    layout(root, 'zeta', { '1.json': JSON.stringify(sample(1, 'Yes')) });
    layout(root, 'alpha', { '1.json': JSON.stringify(sample(1, 'No')) });
    mkdirSync(join(root, 'empty_model', 'mimic_iv_ecg'), { recursive: true });
    const out = join(temp.dir, 'pick-out');
    const io = captureIo();
    expect(
      await evaluateCommand.run(
        [root, '--dataset', 'ptbxl', '--out', out, '--models', 'zeta,alpha,empty_model'],
        io,
      ),
    ).toBe(EXIT.ok);
    const total = readFileSync(join(out, 'heuristic', 'ptbxl', 'total.csv'), 'utf8').split('\n');
    expect(total.slice(1, 3).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'zeta,1,1,1.0',
      'alpha,1,0,0.0',
    ]);
    expect(io.stderr.join('\n')).toContain('empty_model: no ptbxl folder; model left out');
  });

  it('reads a JSONL: the model from --model or metadata.model; a line naming none is left out', async () => {
    const file = join(temp.dir, 'answers.jsonl');
    writeFileSync(
      file,
      [sample(1, 'Yes', 'gpt-x'), sample(2, 'No', 'gpt-x'), sample(3, 'Yes')]
        .map((s) => JSON.stringify(s))
        .join('\n') + '\n{"metadata": oops}\n',
    );
    const out = join(temp.dir, 'jsonl-out');
    const io = captureIo();
    expect(
      await evaluateCommand.run([file, '--dataset', 'ptbxl', '--out', out, '--json'], io),
    ).toBe(EXIT.invalid);
    const report = JSON.parse(io.stdout.join('')) as {
      models: { model: string; default: number }[];
      problems: { rule: string; lineNumber: number }[];
    };
    expect(report.models).toEqual([{ model: 'gpt-x', default: 2, forcedCommit: 0 }]);
    expect(report.problems.map((p) => [p.lineNumber, p.rule])).toEqual([
      [3, 'answers.no-model'],
      [4, 'jsonl.syntax'],
    ]);
    const named = captureIo();
    await evaluateCommand.run(
      [file, '--dataset', 'ptbxl', '--out', out, '--model', 'mine', '--json'],
      named,
    );
    expect(JSON.parse(named.stdout.join('')).models).toEqual([
      { model: 'mine', default: 3, forcedCommit: 0 },
    ]);
  });

  it('leaves out files of another dataset and repeated answers, and says so', async () => {
    const root = join(temp.dir, 'odd');
    const mimic = sample(5, 'Yes');
    mimic.metadata.data_source = 'mimic_iv_ecg';
    layout(root, 'm', {
      '1.json': JSON.stringify(sample(1, 'Yes')),
      '5.json': JSON.stringify(mimic),
      '7.json': JSON.stringify(sample(1, 'Yes')),
    });
    const io = captureIo();
    expect(
      await evaluateCommand.run(
        [root, '--dataset', 'ptbxl', '--out', join(temp.dir, 'odd-out')],
        io,
      ),
    ).toBe(EXIT.invalid);
    const err = io.stderr.join('\n');
    expect(err).toMatch(
      /5\.json: error: metadata\.data_source is mimic_iv_ecg.*\[answers\.dataset\]/,
    );
    expect(err).toMatch(/7\.json: error: m already answered sample 1 .*\[answers\.duplicate\]/);
  });

  it('lists every answer rule in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(Object.keys(ANSWER_RULES).filter((rule) => !readme.includes(`\`${rule}\``))).toEqual([]);
    expect(readme).toContain('| `evaluate-labels <truth.jsonl>');
    expect(readme).toContain('| `import-answers <results-dir');
  });

  it('runs as the real CLI, listed in help', async () => {
    const root = join(temp.dir, 'child');
    layout(root, 'm', { '1.json': JSON.stringify(sample(1, 'Yes')), '2.json': '' });
    const run = await runCli([
      'evaluate',
      root,
      '--dataset',
      'ptbxl',
      '--out',
      join(temp.dir, 'child-out'),
    ]);
    expect(run.code).toBe(EXIT.invalid);
    expect(run.stdout).toContain('m: 1 answer file scored');
    expect(run.stderr).toContain('2.json: error: the file is empty');
    const help = await runCli(['help']);
    expect(help.stdout).toMatch(/evaluate\s+Score model answers/);
    expect(help.stdout).toMatch(/evaluate-labels\s+Score predicted dense labels/);
  });
});

describe('evaluate-labels', () => {
  const line = (ecgId: string, over: Record<string, unknown> = {}) =>
    JSON.stringify({
      data_source: 'ptbxl',
      ecg_id: ecgId,
      label: {
        rate: 'normal',
        rhythm: 'sinus',
        axis: 'normal',
        conduction: ['none'],
        ischemia: { stage: 'none', territory: ['none'] },
        other_findings: [],
        diagnosis: 'normal',
        ...over,
      },
    });

  it('scores each axis beside the majority baseline, measurement axes apart', async () => {
    const truth = join(temp.dir, 'truth.jsonl');
    const predicted = join(temp.dir, 'predicted.jsonl');
    writeFileSync(
      truth,
      [
        line('1'),
        line('2'),
        line('3', { rate: 'tachycardia', conduction: ['lbbb'] }),
        line('4'),
      ].join('\n') + '\n',
    );
    writeFileSync(
      predicted,
      [
        line('1'),
        line('2', { rate: 'tachycardia' }),
        line('3', { rate: 'tachycardia' }),
        line('9', { rate: 'bogus' }),
      ].join('\n') + '\n',
    );
    const io = captureIo();
    expect(await evaluateLabelsCommand.run([truth, predicted, '--json'], io)).toBe(EXIT.invalid);
    const report = JSON.parse(io.stdout.join('')) as {
      scored: number;
      unpredicted: string[];
      axes: { axis: string; group: string; accuracy: number; majorityAccuracy: number }[];
    };
    expect(report.scored).toBe(3);
    expect(report.unpredicted).toEqual(['ptbxl/4']);
    expect(report.axes.find((a) => a.axis === 'conduction')).toMatchObject({
      group: 'waveform',
      accuracy: 2 / 3,
      majorityAccuracy: 2 / 3,
    });
    expect(io.stderr.join('\n')).toMatch(/predicted\.jsonl:4: error: .*rate.*\[axis-value\]/);

    const text = captureIo();
    await evaluateLabelsCommand.run([truth, predicted], text);
    const out = text.stdout.join('\n');
    expect(out.indexOf('measurement-derivable axes')).toBeLessThan(
      out.indexOf('waveform-only axes'),
    );
    expect(out).toMatch(/^\s+rate\s+66\.7%\s+0\.\d{3}\s+66\.7%/m);
    expect(out).toContain('findings per ECG');
    expect(out).toContain('conduction (rows: truth, columns: predicted)');
  });
});
