import type { BenchmarkStats } from '../../domain/benchmark/stats';
import { StatsAccumulator } from '../../domain/benchmark/stats';
import { FileValidator } from '../../domain/benchmark/validate-file';
import type { AnswerShape } from '../../schemas/benchmark-sample';
import { GROUNDING_TYPES, describeAnswerShape } from '../../schemas/benchmark-sample';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { formatFileProblem, openSingleInput, plural } from './benchmark-input';

const usage = 'ecg-workbench stats <file.jsonl|dir> [--json] [--max-line-mb <MiB>]';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

/** The stats as text for people: a cell table, steps per sample, grounding by type. */
export function formatStats(
  path: string,
  stats: BenchmarkStats,
  answerShape: AnswerShape | null,
): string {
  const shape = answerShape === null ? 'answer shape undecided' : describeAnswerShape(answerShape);
  const lines = [`${path}: ${plural(stats.samples, 'sample')}, ${shape}`, ''];
  lines.push(
    ...table([
      ['data_source', 'target_dx', 'dx_label', 'path_idx', 'samples'],
      ...stats.cells.map((c) => [
        c.data_source,
        c.target_dx,
        String(c.dx_label),
        String(c.path_idx),
        String(c.count),
      ]),
    ]),
  );
  const { histogram, min, max, mean } = stats.stepsPerSample;
  lines.push('', 'reasoning steps per sample:');
  lines.push(...table(Object.entries(histogram).map(([steps, n]) => [`  ${steps}`, String(n)])));
  if (mean !== null) lines.push(`  min ${min}, max ${max}, mean ${mean.toFixed(2)}`);
  lines.push('', 'grounding questions by type:');
  lines.push(
    ...table([
      ...GROUNDING_TYPES.map((type) => [`  ${type}`, String(stats.groundingByType[type])]),
      ['  total', String(stats.groundingByType.total)],
    ]),
  );
  return lines.join('\n');
}

/** `stats`: counts samples by cell, steps per sample and grounding questions by type. */
export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'Count benchmark samples by source x diagnosis x label x path, steps and grounding',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const input = await openSingleInput('stats', usage, args, io);
    if (typeof input === 'number') return input;
    const { path, source } = input;

    const validator = new FileValidator({
      collectProblems: false,
      onProblem: (p) => {
        if (p.severity === 'error') io.err(formatFileProblem(p));
      },
    });
    const accumulator = new StatsAccumulator();
    for await (const batch of source.batches) {
      for (const entry of batch) {
        const outcome = validator.add(entry);
        if (outcome.sample) accumulator.add(outcome.sample);
      }
    }
    const result = validator.finish(path);
    if (result.kind === 'dense-labels') {
      io.err(`${path}: stats counts benchmark samples; this file holds dense labels`);
      return EXIT.invalid;
    }
    const stats = accumulator.result();
    io.out(
      input.json
        ? JSON.stringify({ path, answerShape: result.answerShape, ...stats })
        : formatStats(path, stats, result.answerShape),
    );
    if (result.counts.errors > 0) {
      io.err(
        `${path}: ${plural(result.counts.invalid, 'document')} with errors left out of the counts; run validate for details`,
      );
      return EXIT.invalid;
    }
    return EXIT.ok;
  },
};

export default statsCommand;
