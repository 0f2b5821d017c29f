import type { BenchmarkSample, FormatVersion } from '../../schemas/benchmark-sample';
import { CURRENT_FORMAT_VERSION, SAMPLE_SCHEMAS } from '../../schemas/benchmark-sample';
import type { Problem, Vocabulary } from '../../schemas/issues';
import { describeValue, problem, problemsFromZod } from '../../schemas/issues';
import { canonicalShape } from './canonical-shape';
import { SAMPLE_RULES, checkSampleRules } from './sample-rules';
import { STRUCTURE_RULES, sampleVocabulary } from './sample-vocabulary';
import type { VersionShape } from './version';
import { sampleVersionShape } from './version';

export { detectVersionOfSamples, sampleVersionShape, VersionTally } from './version';
export type { FileVersion, VersionShape } from './version';

/** Every rule validateSample can report: id -> [severity, meaning]. The README lists these. */
export const SAMPLE_RULE_CATALOG: Readonly<Record<string, readonly ['error' | 'warning', string]>> =
  {
    ...STRUCTURE_RULES,
    ...SAMPLE_RULES,
  };

/** What validateSample found. */
export interface SampleValidation {
  /**
   * The version the sample was checked as: opts.version when given, else the one its
   * wave/measurement answers show; null when they show none (valid in both) or both.
   */
  readonly version: FormatVersion | null;
  /** What the sample's own answers say about its version (see VersionShape). */
  readonly shape: VersionShape;
  /**
   * The typed sample in canonical key order (the input itself when already canonical), even
   * when cross-field rules fail (so an editor can show it); null when its structure is broken.
   */
  readonly sample: BenchmarkSample | null;
  readonly problems: Problem[];
}

/** Options for validateSample. */
export interface ValidateSampleOptions {
  /** Check against this version (e.g. the file's version) instead of the sample's own shape. */
  readonly version?: FormatVersion;
}

const vocabularies: Record<FormatVersion, Vocabulary> = {
  '0.0.1': sampleVocabulary('0.0.1'),
  '0.0.2': sampleVocabulary('0.0.2'),
};

function schemaVersion(shape: VersionShape, asked: FormatVersion | undefined): FormatVersion {
  if (asked) return asked;
  if (shape === '0.0.1' || shape === '0.0.2') return shape;
  return CURRENT_FORMAT_VERSION;
}

/**
 * Validates one parsed JSON value as a benchmark sample: detects its version, checks the
 * structure (zod schema, only when the cheap canonical walk fails) and then every cross-field
 * rule. Any problem with severity 'error' means an export must refuse the sample.
 */
export function validateSample(value: unknown, opts: ValidateSampleOptions = {}): SampleValidation {
  const fast = canonicalShape(value);
  const shape = fast ?? sampleVersionShape(value);
  const asked = opts.version;
  const version: FormatVersion | null =
    asked ?? (shape === '0.0.1' || shape === '0.0.2' ? shape : null);
  const checkAs = schemaVersion(shape, asked);
  const problems: Problem[] = [];

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      problem(
        'error',
        'not-an-object',
        [],
        `expected a sample object {"metadata": ..., "data": ...}, found ${describeValue(value)}`,
      ),
    );
    return { version, shape, sample: null, problems };
  }

  let sample: BenchmarkSample;
  if (fast === checkAs || fast === 'either') {
    sample = value as BenchmarkSample;
  } else {
    const parsed = SAMPLE_SCHEMAS[checkAs].safeParse(value);
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error.issues, value, vocabularies[checkAs]));
      return { version, shape, sample: null, problems };
    }
    sample = parsed.data;
    if (JSON.stringify(sample) !== JSON.stringify(value)) {
      problems.push(
        problem(
          'warning',
          'key-order',
          [],
          "expected keys in the format's order (metadata then data; id, data_source, ecg_id, ...), found another order - export writes them in order",
        ),
      );
    }
  }
  checkSampleRules(sample, problems);
  return { version, shape, sample, problems };
}

/** What a parsed JSONL value looks like: a benchmark sample, a dense-label line, or neither. */
export type DocumentKind = 'sample' | 'dense-label' | 'unknown';

/** Tells a sample ({metadata, data}) from a dense-label line ({data_source, ecg_id, label}). */
export function detectKind(value: unknown): DocumentKind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  if (Object.hasOwn(value, 'metadata') || Object.hasOwn(value, 'data')) return 'sample';
  if (Object.hasOwn(value, 'label')) return 'dense-label';
  return 'unknown';
}
