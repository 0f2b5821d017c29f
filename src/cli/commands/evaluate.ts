import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AnswerProblem } from '../../domain/evaluation/answer-set';
import { AnswerSetEvaluator } from '../../domain/evaluation/answer-set';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { addAnswerJsonl, addAnswerLayout } from './answer-input';
import { parseArgs, plural, usageError } from './benchmark-input';

const usage =
  'ecg-workbench evaluate <results-dir|answers.jsonl> --dataset ptbxl|mimic_iv_ecg --out <dir> [--models a,b] [--model <name>] [--json]';

/** One problem as a line: `file:3: error: message [rule]`. */
export function formatAnswerProblem(p: AnswerProblem): string {
  const where = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
  return `${where}: ${p.severity}: ${p.message} [${p.rule}]`;
}

/**
 * `evaluate`: the official heuristic evaluator. Reads answer files (the official layout
 * `<root>/<model_dir>/<dataset>/<target_dx>/<id>.json`, or a JSONL of answer objects), writes
 * `<out>/heuristic/<dataset>/{total,<target_dx>}.csv` (and `heuristic-forced-commit/` for
 * forced-commit files), and lists every file it left out.
 */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'Score model answers as the official evaluator does; write its CSV files',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['json'],
      values: ['dataset', 'out', 'models', 'model'],
    });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    if (parsed.positional.length !== 1)
      return usageError(io, usage, 'evaluate takes exactly one results folder or JSONL file');
    const dataset = parsed.values.get('dataset');
    if (!dataset || !(DATA_SOURCES as readonly string[]).includes(dataset))
      return usageError(io, usage, `--dataset must be ${DATA_SOURCES.join(' or ')}`);
    const out = parsed.values.get('out');
    if (!out) return usageError(io, usage, '--out <dir> is required');
    const input = parsed.positional[0]!;
    const info = statSync(input, { throwIfNoEntry: false });
    if (!info) {
      io.err(`cannot open ${input}: no such file or directory`);
      return EXIT.failure;
    }
    const models =
      parsed.values
        .get('models')
        ?.split(',')
        .map((m) => m.trim())
        .filter(Boolean) ?? null;
    if (info.isDirectory() && parsed.values.has('model'))
      return usageError(
        io,
        usage,
        '--model names the model of a JSONL file; use --models to pick folders',
      );
    if (!info.isDirectory() && parsed.values.has('models'))
      return usageError(io, usage, '--models picks model folders; a JSONL file takes --model');

    const evaluator = new AnswerSetEvaluator(dataset);
    const notes: string[] = [];
    if (info.isDirectory()) {
      const layout = addAnswerLayout(evaluator, input, models);
      for (const model of layout.modelsWithoutDataset)
        notes.push(`${join(input, model)}: no ${dataset} folder; model left out`);
    } else {
      await addAnswerJsonl(evaluator, input, parsed.values.get('model') ?? null);
    }

    const files = evaluator.csvFiles(models ?? undefined);
    const written: string[] = [];
    try {
      for (const [relative, text] of files) {
        const path = join(out, relative);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        written.push(path);
      }
    } catch (error) {
      io.err(`cannot write to ${out}: ${error instanceof Error ? error.message : String(error)}`);
      return EXIT.failure;
    }

    const problems = evaluator.problems;
    const leftOut = problems.filter((p) => p.severity === 'error').length;
    for (const p of problems) io.err(formatAnswerProblem(p));
    for (const note of notes) io.err(note);
    const summary = evaluator.summary();
    if (parsed.flags.has('json')) {
      io.out(JSON.stringify({ dataset, out, models: summary, written, leftOut, problems }));
    } else {
      const lines = summary.map((m) => {
        const parts = [];
        if (m.default > 0) parts.push(`${plural(m.default, 'answer file')} scored`);
        if (m.forcedCommit > 0)
          parts.push(`${plural(m.forcedCommit, 'forced-commit answer file')} scored`);
        return `  ${m.model}: ${parts.join(', ')}`;
      });
      io.out(
        [
          `${input} (${dataset}):`,
          ...lines,
          `wrote ${plural(written.length, 'CSV file')} under ${out}`,
        ].join('\n'),
      );
    }
    if (summary.length === 0) {
      io.err(`${input}: no answer files of ${dataset} were scored`);
      return EXIT.invalid;
    }
    if (leftOut > 0) {
      io.err(`${plural(leftOut, 'answer file')} left out (listed above); the CSVs count the rest`);
      return EXIT.invalid;
    }
    return EXIT.ok;
  },
};

export default evaluateCommand;
