import { validateSample } from '../../domain/benchmark/validate-sample';
import { validateLabelContent } from '../../domain/taxonomy/validate-label';
import type { RuleProblem } from '../../schemas/api/common';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { DraftLabel, LabelStatus } from '../../schemas/dense-label';
import type { Problem } from '../../schemas/issues';
import { formatPath } from '../../schemas/issues';
import type { StoredSample } from './sample-rows';
import { toStoredSample } from './sample-rows';
import { ServiceError } from './service-error';

/** Where the checked value sits in the request, e.g. ['body', 'sample']. */
export type RequestPath = readonly (string | number)[];

function toRuleProblems(problems: readonly Problem[], at: RequestPath): RuleProblem[] {
  return problems.map((p) => ({
    path: formatPath([...at, ...p.path]),
    rule: p.rule,
    severity: p.severity,
    message: p.message,
  }));
}

/** The 422 for a write whose value breaks rules: every problem, errors first. */
function refusal(code: string, what: string, problems: readonly RuleProblem[]): ServiceError {
  const errors = problems.filter((p) => p.severity === 'error');
  const rules = [...new Set(errors.map((p) => p.rule))].join(', ');
  return new ServiceError(
    'unprocessable',
    `${what} has ${errors.length} error(s) (rules ${rules}); nothing was saved. Each problem is in "issues" with its path.`,
    { code, issues: [...errors, ...problems.filter((p) => p.severity === 'warning')] },
  );
}

/** A sample that passed every rule: its stored form and the warnings to return beside it. */
export interface CheckedSample {
  readonly sample: BenchmarkSampleV002;
  readonly stored: StoredSample;
  readonly warnings: RuleProblem[];
}

/**
 * THE check every write of a benchmark sample runs (create, fix in place, re-sample, later
 * edits): the rules of import and `validate` (validateSample), in the list shape the workspace
 * stores. Any error refuses the write: ServiceError 422, code "sample_invalid", with every
 * problem as {path, rule, severity, message} (paths inside the request, under `at`). Otherwise
 * returns the canonical sample, its stored form, and the warnings.
 */
export function checkSampleWrite(
  value: unknown,
  at: RequestPath = ['body', 'sample'],
): CheckedSample {
  const result = validateSample(value, { shape: 'list' });
  const problems = toRuleProblems(result.problems, at);
  if (!result.sample || problems.some((p) => p.severity === 'error')) {
    throw refusal('sample_invalid', 'The sample', problems);
  }
  const stored = toStoredSample(result.sample);
  return { sample: stored.sample, stored, warnings: problems };
}

/** A label that passed every rule for its status: the content to store and the warnings. */
export interface CheckedLabel {
  readonly content: DraftLabel;
  readonly warnings: RuleProblem[];
}

/**
 * THE check every write of a dense label runs: a submitted label with every rule of the label
 * format (validate's), a draft with those rules on the axes it holds (validateLabelContent).
 * Any error refuses the write: ServiceError 422, code "label_invalid", with every problem as
 * {path, rule, severity, message} under `at`. Otherwise returns the content (keys in the format's
 * order) and the warnings.
 */
export function checkLabelWrite(
  status: LabelStatus,
  content: unknown,
  at: RequestPath = ['body', 'content'],
): CheckedLabel {
  const result = validateLabelContent(content, status);
  const problems = toRuleProblems(result.problems, at);
  if (!result.content || problems.some((p) => p.severity === 'error')) {
    throw refusal('label_invalid', `The ${status} label`, problems);
  }
  return { content: result.content, warnings: problems };
}
