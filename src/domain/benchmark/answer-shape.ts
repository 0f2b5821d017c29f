import type { AnswerShape } from '../../schemas/benchmark-sample';

/**
 * What a sample's wave/measurement grounding answers show: 'scalar' (a text and a number),
 * 'list' (one-element lists), 'either' (it has no such grounding, so it fits both), 'mixed'
 * (both shapes in one sample) or 'unknown' (not a sample at all).
 */
export type SampleShape = AnswerShape | 'either' | 'mixed' | 'unknown';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the answer shape of a raw (unvalidated) sample. */
export function sampleAnswerShape(value: unknown): SampleShape {
  if (!isRecord(value) || !isRecord(value.data) || !Array.isArray(value.data.reasoning)) {
    return 'unknown';
  }
  let scalars = 0;
  let lists = 0;
  for (const step of value.data.reasoning) {
    if (!isRecord(step) || !Array.isArray(step.ecg_grounding)) continue;
    for (const g of step.ecg_grounding) {
      if (!isRecord(g)) continue;
      if (g.question_type !== 'wave_grounding' && g.question_type !== 'measurement_grounding') {
        continue;
      }
      const probe = g.answer !== undefined ? g.answer : g.answer_idx;
      if (Array.isArray(probe)) lists++;
      else if (typeof probe === 'string' || typeof probe === 'number') scalars++;
    }
  }
  if (scalars > 0 && lists > 0) return 'mixed';
  if (scalars > 0) return 'scalar';
  if (lists > 0) return 'list';
  return 'either';
}

/** How many samples of a file had each shape, and the file's shape decided from them. */
export interface FileShape {
  /** null when no sample decides it (all 'either') or samples disagree (see conflict). */
  readonly shape: AnswerShape | null;
  /** True when some samples are scalar and others list, or one sample mixes both. */
  readonly conflict: boolean;
  readonly counts: Readonly<Record<SampleShape, number>>;
}

/** Counts answer shapes sample by sample, for streaming over a large file. */
export class ShapeTally {
  private readonly counts: Record<SampleShape, number> = {
    list: 0,
    scalar: 0,
    either: 0,
    mixed: 0,
    unknown: 0,
  };

  /** Adds one sample's shape (from sampleAnswerShape or validateSample's result). */
  add(shape: SampleShape): void {
    this.counts[shape]++;
  }

  /**
   * The file's shape: the one shape its samples show. Samples without wave/measurement
   * grounding fit both and do not vote; 'unknown' samples (not samples) do not vote either.
   */
  result(): FileShape {
    const c = { ...this.counts };
    const conflict = c.mixed > 0 || (c.scalar > 0 && c.list > 0);
    let shape: AnswerShape | null = null;
    if (!conflict && c.scalar > 0) shape = 'scalar';
    if (!conflict && c.list > 0) shape = 'list';
    return { shape, conflict, counts: c };
  }
}

/** Decides the answer shape of a whole file from its raw samples (see ShapeTally.result). */
export function detectShapeOfSamples(samples: Iterable<unknown>): FileShape {
  const tally = new ShapeTally();
  for (const sample of samples) tally.add(sampleAnswerShape(sample));
  return tally.result();
}
