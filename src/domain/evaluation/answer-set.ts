/**
 * Evaluates a set of answer files (several models, both protocols) into the official pools and
 * CSV files, and reports every file it leaves out: empty, not JSON, not an answer file, a reply
 * missing, another dataset, a repeat. The official tool skips unparsable files silently.
 */
import { formatPath } from '../../schemas/issues';
import type { InferenceMode, ModelAnswerSample } from '../../schemas/model-answers';
import { ModelAnswerSampleSchema, inferenceModeOf } from '../../schemas/model-answers';
import { parseJsonText } from '../jsonl/json-syntax';
import { isAnswerSampleShape } from './answer-shape';
import type { ForcedCommitScore } from './forced-commit';
import { scoreForcedCommit } from './forced-commit';
import type { ForcedCommitCounts, MetricPool, ReasoningCounts } from './metrics';
import { forcedCommitPool, reasoningPool } from './metrics';
import type { NamedPool } from './official-csv';
import {
  FORCED_COMMIT_COLUMNS,
  REASONING_COLUMNS,
  forcedCommitRow,
  officialCsvFiles,
  reasoningRow,
} from './official-csv';
import type { SampleScore } from './score-sample';
import { missingReplies, scoreSample } from './score-sample';

/** Rules an answer file is held to (listed in the README). */
export const ANSWER_RULES = {
  'answers.empty': [
    'error',
    'an answer file is not empty (an empty one is a lock left by an interrupted run)',
  ],
  'answers.syntax': ['error', 'an answer file (or JSONL line) is one JSON value'],
  'answers.shape': [
    'error',
    'an answer file is a benchmark sample with model_response in its questions',
  ],
  'answers.missing-reply': [
    'error',
    'in the default protocol every question carries a model_response text',
  ],
  'answers.dataset': ['error', 'metadata.data_source is the dataset being evaluated'],
  'answers.duplicate': ['error', 'a model answers each sample once per protocol'],
  'answers.no-model': [
    'error',
    'a JSONL line names its model (metadata.model) unless --model is given',
  ],
  'answers.unknown-sample': [
    'error',
    'importing into the workspace: a sample with this data_source and id is in the workspace',
  ],
  'answers.question-mismatch': [
    'error',
    "importing into the workspace: the answer file's questions are those of the workspace sample",
  ],
  'answers.layout': [
    'warning',
    '<target_dx>/<id>.json agrees with metadata (counted under metadata.target_dx, as the official tool does)',
  ],
} as const;
/** One answer-file rule id. */
export type AnswerRule = keyof typeof ANSWER_RULES;

/** Where a document came from: a file, and its line in a JSONL file. */
export interface AnswerLocation {
  readonly file: string;
  readonly lineNumber: number | null;
}

/** A problem with one answer file; errors leave the file out, warnings do not. */
export interface AnswerProblem extends AnswerLocation {
  readonly severity: 'error' | 'warning';
  /** An answers.* rule, or the JSONL reader's jsonl.* rule for a line it could not read. */
  readonly rule: AnswerRule | `jsonl.${string}`;
  readonly message: string;
}

/** A document read as an answer file, or the rule it breaks and why. */
export type ReadAnswer =
  | { readonly ok: true; readonly sample: ModelAnswerSample; readonly mode: InferenceMode }
  | { readonly ok: false; readonly rule: AnswerRule; readonly message: string };

const MAX_ISSUES_SHOWN = 3;

/** Checks a parsed document: the answer-file shape, and in the default protocol every reply. */
export function readAnswerDocument(value: unknown): ReadAnswer {
  if (!isAnswerSampleShape(value)) {
    const parsed = ModelAnswerSampleSchema.safeParse(value);
    const issues = parsed.success ? [] : parsed.error.issues;
    const text = issues
      .slice(0, MAX_ISSUES_SHOWN)
      .map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`)
      .join('; ');
    const more =
      issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
    return { ok: false, rule: 'answers.shape', message: `not an answer file: ${text}${more}` };
  }
  const mode = inferenceModeOf(value);
  if (mode === 'default') {
    const missing = missingReplies(value);
    if (missing.length > 0) {
      const shown = missing.slice(0, MAX_ISSUES_SHOWN).join(', ');
      const more =
        missing.length > MAX_ISSUES_SHOWN ? ` and ${missing.length - MAX_ISSUES_SHOWN} more` : '';
      return {
        ok: false,
        rule: 'answers.missing-reply',
        message: `no model_response text at ${shown}${more}`,
      };
    }
  }
  return { ok: true, sample: value, mode };
}

/** A scored answer file, for callers that keep per-sample results (drill-down, storage). */
export type ScoredAnswer =
  | { readonly mode: 'default'; readonly sample: ModelAnswerSample; readonly score: SampleScore }
  | {
      readonly mode: 'forced-commit';
      readonly sample: ModelAnswerSample;
      readonly score: ForcedCommitScore;
    };

/** Scores a checked answer file under its protocol. */
export function scoreAnswer(sample: ModelAnswerSample, mode: InferenceMode): ScoredAnswer {
  return mode === 'default'
    ? { mode, sample, score: scoreSample(sample) }
    : { mode, sample, score: scoreForcedCommit(sample) };
}

/** The official evaluator folder of each protocol. */
export const EVALUATOR_DIRS: Readonly<Record<InferenceMode, string>> = {
  default: 'heuristic',
  'forced-commit': 'heuristic-forced-commit',
};

interface ModelPools {
  default?: MetricPool<ReasoningCounts, SampleScore>;
  'forced-commit'?: MetricPool<ForcedCommitCounts, ForcedCommitScore>;
  readonly diagnoses: Set<string>;
}

/** How many answer files a model has scored under each protocol. */
export interface ModelSummary {
  readonly model: string;
  readonly default: number;
  readonly forcedCommit: number;
}

/** Pools answer files of one dataset as they come; reports what it leaves out. */
export class AnswerSetEvaluator {
  readonly problems: AnswerProblem[] = [];
  private readonly models = new Map<string, ModelPools>();
  private readonly seen = new Set<string>();
  private readonly scoredCounts = new Map<string, { default: number; forcedCommit: number }>();
  /** Called with each scored file (the server keeps them); none by default. */
  onScored: ((model: string, answer: ScoredAnswer, location: AnswerLocation) => void) | null = null;

  constructor(readonly dataset: string) {}

  private pools(model: string): ModelPools {
    let pools = this.models.get(model);
    if (!pools) {
      pools = { diagnoses: new Set() };
      this.models.set(model, pools);
    }
    return pools;
  }

  /** Records a problem with one document (errors mean it was left out). */
  report(location: AnswerLocation, rule: AnswerRule, message: string): void {
    this.problems.push({ ...location, severity: ANSWER_RULES[rule][0], rule, message });
  }

  /** A diagnosis folder of a model: it gets a CSV row even when none of its files is scored. */
  addDiagnosisFolder(model: string, targetDx: string): void {
    this.pools(model).diagnoses.add(targetDx);
  }

  /** One file's text (the directory layout); `place` is its folder diagnosis and file name id. */
  addText(
    model: string,
    text: string,
    location: AnswerLocation,
    place?: { readonly targetDx: string; readonly fileId: string },
  ): void {
    if (text.trim() === '') {
      this.report(
        location,
        'answers.empty',
        'the file is empty (a lock left by an interrupted run?)',
      );
      return;
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      const e = parsed.error;
      this.report(
        location,
        'answers.syntax',
        `not JSON at line ${e.line}, column ${e.column}: ${e.reason}`,
      );
      return;
    }
    this.addValue(model, parsed.value, location, place);
  }

  /** One parsed document. */
  addValue(
    model: string,
    value: unknown,
    location: AnswerLocation,
    place?: { readonly targetDx: string; readonly fileId: string },
  ): void {
    const read = readAnswerDocument(value);
    if (!read.ok) {
      this.report(location, read.rule, read.message);
      return;
    }
    const { sample, mode } = read;
    const { metadata } = sample;
    if (metadata.data_source !== this.dataset) {
      this.report(
        location,
        'answers.dataset',
        `metadata.data_source is ${metadata.data_source}, but ${this.dataset} is being evaluated`,
      );
      return;
    }
    const key = `${model}\u0000${mode}\u0000${metadata.id}`;
    if (this.seen.has(key)) {
      this.report(
        location,
        'answers.duplicate',
        `${model} already answered sample ${metadata.id} (${mode} protocol); this repeat is left out`,
      );
      return;
    }
    this.seen.add(key);
    if (place && (place.targetDx !== metadata.target_dx || place.fileId !== String(metadata.id))) {
      this.report(
        location,
        'answers.layout',
        `the file sits at ${place.targetDx}/${place.fileId}.json but its metadata says ${metadata.target_dx}/${metadata.id}; counted under ${metadata.target_dx}`,
      );
    }
    this.addScored(model, scoreAnswer(sample, mode), location);
  }

  /** Adds an already scored answer (the server re-pools stored scores). */
  addScored(model: string, answer: ScoredAnswer, location: AnswerLocation): void {
    const pools = this.pools(model);
    const dx = answer.sample.metadata.target_dx;
    const counts = this.scoredCounts.get(model) ?? { default: 0, forcedCommit: 0 };
    this.scoredCounts.set(model, counts);
    if (answer.mode === 'default') {
      (pools.default ??= reasoningPool()).addScore(dx, answer.score);
      counts.default += 1;
    } else {
      (pools['forced-commit'] ??= forcedCommitPool()).addScore(dx, answer.score);
      counts.forcedCommit += 1;
    }
    this.onScored?.(model, answer, location);
  }

  /** Models in name order with how many files each scored. */
  summary(): ModelSummary[] {
    return [...this.models.keys()].sort().map((model) => ({
      model,
      default: this.scoredCounts.get(model)?.default ?? 0,
      forcedCommit: this.scoredCounts.get(model)?.forcedCommit ?? 0,
    }));
  }

  /** Each model's pools under one protocol, in the given model order (name order by default). */
  poolsOf<M extends InferenceMode>(
    mode: M,
    order: readonly string[] = [...this.models.keys()].sort(),
  ): NamedPool<M extends 'default' ? ReasoningCounts : ForcedCommitCounts>[] {
    const out: NamedPool<ReasoningCounts | ForcedCommitCounts>[] = [];
    for (const model of order) {
      const pools = this.models.get(model);
      const pool = pools?.[mode];
      if (!pools || !pool) continue;
      for (const dx of pools.diagnoses) pool.touch(dx);
      out.push({ model, pool });
    }
    return out as NamedPool<M extends 'default' ? ReasoningCounts : ForcedCommitCounts>[];
  }

  /** The official CSV files, keyed by path relative to the output folder. */
  csvFiles(order?: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    const put = (mode: InferenceMode, files: Map<string, string>) => {
      for (const [name, text] of files)
        out.set(`${EVALUATOR_DIRS[mode]}/${this.dataset}/${name}`, text);
    };
    const byDefault = this.poolsOf('default', order);
    if (byDefault.length > 0)
      put('default', officialCsvFiles(byDefault, REASONING_COLUMNS, reasoningRow));
    const byForced = this.poolsOf('forced-commit', order);
    if (byForced.length > 0)
      put('forced-commit', officialCsvFiles(byForced, FORCED_COMMIT_COLUMNS, forcedCommitRow));
    return out;
  }
}
