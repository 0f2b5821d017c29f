import type { FileValidation } from '../../domain/benchmark/validate-file';
import { validateBatches } from '../../domain/benchmark/validate-file';
import { describeAnswerShape } from '../../schemas/benchmark-sample';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { formatFileProblem, openSingleInput, plural } from './benchmark-input';

const usage = 'ecg-workbench validate <file.jsonl|dir> [--json] [--max-line-mb <MiB>]';

/** One line saying what the source holds and whether it passed. */
export function describeValidation(path: string, result: FileValidation): string {
  const { counts } = result;
  let what: string;
  switch (result.kind) {
    case 'samples':
      what = `${plural(counts.samples, 'benchmark sample')}, ${result.answerShape === null ? 'answer shape undecided (no wave or measurement grounding, or both shapes)' : describeAnswerShape(result.answerShape)}`;
      break;
    case 'dense-labels':
      what = plural(counts.denseLabels, 'dense label');
      break;
    case 'mixed':
      what = `${plural(counts.samples, 'benchmark sample')} and ${plural(counts.denseLabels, 'dense label')} mixed`;
      break;
    case 'empty':
      what = 'nothing to check';
      break;
  }
  const verdict = counts.errors > 0 ? 'INVALID' : 'valid';
  return `${path}: ${verdict}: ${what}; ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
}

/** `validate`: checks a JSONL file or sample directory; exit 1 on any error. */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check benchmark samples or dense labels (a .jsonl file or a sample directory)',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const input = await openSingleInput('validate', usage, args, io);
    if (typeof input === 'number') return input;
    const { path, source } = input;
    const json = input.json;
    const result = await validateBatches(path, source.batches, {
      collectProblems: json,
      // Human output streams, so a huge broken file shows its first problems at once.
      ...(json ? {} : { onProblem: (p) => io.out(formatFileProblem(p)) }),
    });
    if (json) {
      io.out(
        JSON.stringify({
          path,
          source: source.kind,
          valid: result.counts.errors === 0,
          kind: result.kind,
          answerShape: result.answerShape,
          counts: result.counts,
          problems: result.problems,
        }),
      );
    } else {
      io.out(describeValidation(path, result));
    }
    return result.counts.errors > 0 ? EXIT.invalid : EXIT.ok;
  },
};

export default validateCommand;
