import type { AnswerShape, BenchmarkSample } from '../../schemas/benchmark-sample';
import { DEFAULT_ANSWER_SHAPE, SAMPLE_SCHEMAS } from '../../schemas/benchmark-sample';
import type { Problem, Vocabulary } from '../../schemas/issues';
import { describeValue, problem, problemsFromZod } from '../../schemas/issues';
import type { SampleShape } from './answer-shape';
import { sampleAnswerShape } from './answer-shape';
import { canonicalShape } from './canonical-shape';
import { SAMPLE_RULES, checkSampleRules } from './sample-rules';
import { STRUCTURE_RULES, sampleVocabulary } from './sample-vocabulary';

export { detectShapeOfSamples, sampleAnswerShape, ShapeTally } from './answer-shape';
export type { FileShape, SampleShape } from './answer-shape';

/** Every rule validateSample can report: id -> [severity, meaning]. The README lists these. */
export const SAMPLE_RULE_CATALOG: Readonly<Record<string, readonly ['error' | 'warning', string]>> =
  {
    ...STRUCTURE_RULES,
    ...SAMPLE_RULES,
  };

/** What validateSample found. */
export interface SampleValidation {
  /**
   * The answer shape the sample was checked as: opts.shape when given, else the one its
   * wave/measurement answers show; null when they show none (fits both) or both.
   */
  readonly answerShape: AnswerShape | null;
  /** What the sample's own answers show (see SampleShape). */
  readonly shape: SampleShape;
  /**
   * The typed sample in canonical key order (the input itself when already canonical), even
   * when cross-field rules fail (so an editor can show it); null when its structure is broken.
   */
  readonly sample: BenchmarkSample | null;
  readonly problems: Problem[];
}

/** Options for validateSample. */
export interface ValidateSampleOptions {
  /** Check against this answer shape (e.g. the file's) instead of the sample's own. */
  readonly shape?: AnswerShape;
}

const vocabularies: Record<AnswerShape, Vocabulary> = {
  list: sampleVocabulary('list'),
  scalar: sampleVocabulary('scalar'),
};

function schemaShape(shape: SampleShape, asked: AnswerShape | undefined): AnswerShape {
  if (asked) return asked;
  if (shape === 'scalar' || shape === 'list') return shape;
  return DEFAULT_ANSWER_SHAPE;
}

/**
 * Validates one parsed JSON value as a benchmark sample: detects its answer shape, checks the
 * structure (zod schema, only when the cheap canonical walk fails) and then every cross-field
 * rule. Any problem with severity 'error' means an export must refuse the sample.
 */
export function validateSample(value: unknown, opts: ValidateSampleOptions = {}): SampleValidation {
  const fast = canonicalShape(value);
  const shape = fast ?? sampleAnswerShape(value);
  const asked = opts.shape;
  const answerShape: AnswerShape | null =
    asked ?? (shape === 'scalar' || shape === 'list' ? shape : null);
  const checkAs = schemaShape(shape, asked);
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
    return { answerShape, shape, sample: null, problems };
  }

  let sample: BenchmarkSample;
  if (fast === checkAs || fast === 'either') {
    sample = value as BenchmarkSample;
  } else {
    const parsed = SAMPLE_SCHEMAS[checkAs].safeParse(value);
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error.issues, value, vocabularies[checkAs]));
      return { answerShape, shape, sample: null, problems };
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
  return { answerShape, shape, sample, problems };
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
