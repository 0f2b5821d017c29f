import { resolve } from 'node:path';
import { serializeSample } from '../../domain/benchmark/serialize';
import { FileValidator } from '../../domain/benchmark/validate-file';
import {
  ANSWER_SHAPES,
  describeAnswerShape,
  parseAnswerShape,
} from '../../schemas/benchmark-sample';
import { writeFileAtomically } from '../../server/io/benchmark-files';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import {
  formatFileProblem,
  maxLineBytesOption,
  openSourceOrFail,
  parseArgs,
  plural,
  usageError,
} from './benchmark-input';

const usage = [
  'ecg-workbench convert --to list|scalar <in.jsonl|dir> <out.jsonl> [--max-line-mb <MiB>]',
  '  list: wave/measurement answers as one-element lists; scalar: as one text and one number.',
  '  The old names still work: --to 0.0.2 is --to list, --to 0.0.1 is --to scalar.',
].join('\n');

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * `convert`: reads samples (either answer shape, JSONL or directory), writes canonical JSONL in
 * the shape asked for. Refuses (exit 1, output untouched) when the input has any error.
 */
export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'Write benchmark samples as canonical JSONL in the list or the scalar answer shape',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: [], values: ['to', 'max-line-mb'] });
    if (typeof parsed === 'string') return usageError(io, usage, parsed);
    const toName = parsed.values.get('to');
    if (toName === undefined)
      return usageError(io, usage, 'convert needs --to list or --to scalar');
    const to = parseAnswerShape(toName);
    if (to === undefined) {
      return usageError(io, usage, `--to must be ${ANSWER_SHAPES.join(' or ')}, not "${toName}"`);
    }
    if (parsed.positional.length !== 2) {
      return usageError(io, usage, 'convert takes an input and an output path');
    }
    const maxLineBytes = maxLineBytesOption(parsed);
    if (typeof maxLineBytes === 'string') return usageError(io, usage, maxLineBytes);
    const [input, output] = parsed.positional as [string, string];
    if (resolve(input) === resolve(output)) {
      return usageError(io, usage, 'the output must not be the input file');
    }
    const source = await openSourceOrFail(input, maxLineBytes, io);
    if (typeof source === 'number') return source;

    const validator = new FileValidator({
      collectProblems: false,
      onProblem: (p) => io.err(formatFileProblem(p)),
    });
    let written = 0;
    let holdsLabels = false;
    let committed: boolean;
    try {
      committed = await writeFileAtomically(output, async (write) => {
        let refused = false;
        for await (const batch of source.batches) {
          for (const entry of batch) {
            const outcome = validator.add(entry);
            if (outcome.kind === 'dense-label') refused = true;
            if (refused || outcome.errors > 0 || !outcome.sample) continue;
            await write(`${serializeSample(outcome.sample, to)}\n`);
            written++;
          }
        }
        const result = validator.finish(input);
        if (result.kind === 'dense-labels' || result.kind === 'mixed') {
          holdsLabels = true;
          return false;
        }
        return result.counts.errors === 0;
      });
    } catch (error) {
      if (!isSystemError(error)) throw error;
      io.err(`convert failed: ${error.message}; ${output} was not written`);
      return EXIT.failure;
    }
    if (!committed) {
      const why = holdsLabels
        ? 'convert works on benchmark samples and the input holds dense labels'
        : 'the input has errors';
      io.err(`${input}: not converted, ${why}; ${output} was not written`);
      return EXIT.invalid;
    }
    io.out(`${output}: wrote ${plural(written, 'sample')} in the ${describeAnswerShape(to)}`);
    return EXIT.ok;
  },
};

export default convertCommand;
