/** Reads a benchmark file's valid samples for commands that work on all of them at once. */
import { FileValidator } from '../../domain/benchmark/validate-file';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';
import type { CliIo } from '../command';
import { EXIT } from '../command';
import { formatFileProblem, openSourceOrFail, plural } from './benchmark-input';

/** The valid samples of a file, in file order, and how many documents had errors. */
export interface SampleFile {
  readonly samples: BenchmarkSample[];
  readonly invalid: number;
}

/**
 * Reads every valid sample of a benchmark file or folder (errors written to err, their samples
 * left out); an exit code when the path cannot be opened or holds dense labels.
 */
export async function readSampleFile(
  file: string,
  maxLineBytes: number | undefined,
  io: CliIo,
  command: string,
): Promise<SampleFile | number> {
  const source = await openSourceOrFail(file, maxLineBytes, io);
  if (typeof source === 'number') return source;
  const validator = new FileValidator({
    collectProblems: false,
    onProblem: (p) => {
      if (p.severity === 'error') io.err(formatFileProblem(p));
    },
  });
  const samples: BenchmarkSample[] = [];
  for await (const batch of source.batches) {
    for (const entry of batch) {
      const sample = validator.add(entry).sample;
      if (sample) samples.push(sample);
    }
  }
  const result = validator.finish(file);
  if (result.kind === 'dense-labels') {
    io.err(`${file}: ${command} reads benchmark samples; this file holds dense labels`);
    return EXIT.invalid;
  }
  if (result.counts.errors > 0) {
    io.err(
      `${file}: ${plural(result.counts.invalid, 'document')} with errors left out; run validate for details`,
    );
  }
  return { samples, invalid: result.counts.invalid };
}
