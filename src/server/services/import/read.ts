import type { FileValidation } from '../../../domain/benchmark/validate-file';
import { FileValidator } from '../../../domain/benchmark/validate-file';
import type { SourceEntry } from '../../../domain/jsonl/source-entry';
import { EventLoopSlicer } from '../../io/event-loop-slices';
import type { StoredSample } from '../sample-rows';
import { toStoredSample } from '../sample-rows';
import type { ProblemLocation } from './report';

/** Report progress at most this often (entries). */
export const PROGRESS_EVERY = 250;

/** A sample of the file that passed every rule, as it would be stored, and where it was read. */
export interface ReadSample extends StoredSample {
  readonly location: ProblemLocation;
}

/** What reading a file found: the validator's verdict and the samples fit to store. */
export interface ImportRead {
  readonly verdict: FileValidation;
  /** Only metadata and text are kept: holding every parsed sample until the write costs GC time. */
  readonly samples: readonly ReadSample[];
  readonly entriesRead: number;
}

/** Counts as reading goes, for progress reports. */
export interface ReadProgress {
  readonly entriesRead: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Reads and validates every entry of a benchmark source (either answer shape) with the same
 * validator as `validate`, keeping each valid sample in its stored form (list shape, canonical
 * text); calls onProgress every PROGRESS_EVERY entries. Yields to the event loop between
 * slices of work, so a large file does not hold up other requests.
 */
export async function readImportFile(
  batches: AsyncIterable<readonly SourceEntry[]>,
  fileName: string,
  onProgress: (progress: ReadProgress) => void | Promise<void>,
): Promise<ImportRead> {
  const slicer = new EventLoopSlicer();
  let errors = 0;
  let warnings = 0;
  const validator = new FileValidator({
    onProblem: (p) => {
      if (p.severity === 'error') errors++;
      else warnings++;
    },
  });
  const samples: ReadSample[] = [];
  let read = 0;
  let reported = 0;
  await onProgress({ entriesRead: 0, errors, warnings });
  for await (const batch of batches) {
    for (const entry of batch) {
      const outcome = validator.add(entry);
      if (entry.kind === 'value') read++;
      if (outcome.sample) {
        const { metadata, content } = toStoredSample(outcome.sample);
        samples.push({ metadata, content, location: outcome.location });
      }
      if (read - reported >= PROGRESS_EVERY) {
        reported = read;
        await onProgress({ entriesRead: read, errors, warnings });
      }
      await slicer.pause();
    }
  }
  return { verdict: validator.finish(fileName), samples, entriesRead: read };
}
