import type { FormatVersion } from '../../schemas/benchmark-sample';

/**
 * What a sample's wave/measurement grounding answers say about its version: '0.0.1' (texts),
 * '0.0.2' (lists), 'either' (it has no such grounding, so it is valid in both), 'mixed' (both
 * shapes in one sample) or 'unknown' (not a sample at all).
 */
export type VersionShape = FormatVersion | 'either' | 'mixed' | 'unknown';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the version shape of a raw (unvalidated) sample. */
export function sampleVersionShape(value: unknown): VersionShape {
  if (!isRecord(value) || !isRecord(value.data) || !Array.isArray(value.data.reasoning)) {
    return 'unknown';
  }
  let texts = 0;
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
      else if (typeof probe === 'string' || typeof probe === 'number') texts++;
    }
  }
  if (texts > 0 && lists > 0) return 'mixed';
  if (texts > 0) return '0.0.1';
  if (lists > 0) return '0.0.2';
  return 'either';
}

/** How many samples of a file had each version shape, and the file's version decided from them. */
export interface FileVersion {
  /** null when no sample decides it (all 'either') or samples disagree (see conflict). */
  readonly version: FormatVersion | null;
  /** True when some samples are 0.0.1 and others 0.0.2, or one sample mixes both. */
  readonly conflict: boolean;
  readonly counts: Readonly<Record<VersionShape, number>>;
}

/** Counts version shapes sample by sample, for streaming over a large file. */
export class VersionTally {
  private readonly counts: Record<VersionShape, number> = {
    '0.0.1': 0,
    '0.0.2': 0,
    either: 0,
    mixed: 0,
    unknown: 0,
  };

  /** Adds one sample's shape (from sampleVersionShape or validateSample's result). */
  add(shape: VersionShape): void {
    this.counts[shape]++;
  }

  /**
   * The file's version: the one shape its samples show. Samples without wave/measurement
   * grounding fit both and do not vote; 'unknown' samples (not samples) do not vote either.
   */
  result(): FileVersion {
    const c = { ...this.counts };
    const conflict = c.mixed > 0 || (c['0.0.1'] > 0 && c['0.0.2'] > 0);
    let version: FormatVersion | null = null;
    if (!conflict && c['0.0.1'] > 0) version = '0.0.1';
    if (!conflict && c['0.0.2'] > 0) version = '0.0.2';
    return { version, conflict, counts: c };
  }
}

/** Decides the version of a whole file from its raw samples (see VersionTally.result). */
export function detectVersionOfSamples(samples: Iterable<unknown>): FileVersion {
  const tally = new VersionTally();
  for (const sample of samples) tally.add(sampleVersionShape(sample));
  return tally.result();
}
