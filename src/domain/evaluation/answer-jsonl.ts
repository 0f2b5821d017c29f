/** Answer files as JSONL (one answer object per line) into an AnswerSetEvaluator. */
import type { SourceEntry } from '../jsonl/source-entry';
import type { AnswerSetEvaluator } from './answer-set';

/** The model a line names in metadata.model, if any. */
function modelOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const metadata = (value as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return null;
  const model = (metadata as { model?: unknown }).model;
  return typeof model === 'string' && model.trim() !== '' ? model : null;
}

/**
 * Adds every line of a JSONL answer source; each line's model is `model` when given, else its
 * metadata.model. Lines the reader could not read are reported with the reader's rule.
 */
export async function addAnswerEntries(
  evaluator: AnswerSetEvaluator,
  batches: AsyncIterable<readonly SourceEntry[]>,
  model: string | null,
): Promise<void> {
  for await (const batch of batches) {
    for (const entry of batch) {
      const location = entry.location;
      if (entry.kind === 'problem') {
        evaluator.problems.push({
          ...location,
          severity: entry.problem.severity,
          rule: entry.problem.rule as `jsonl.${string}`,
          message: entry.problem.message,
        });
        continue;
      }
      const name = model ?? modelOf(entry.value);
      if (name === null) {
        evaluator.report(
          location,
          'answers.no-model',
          'the line has no metadata.model; name the model (--model in the CLI, the model field in the app)',
        );
        continue;
      }
      evaluator.addValue(name, entry.value, location);
    }
  }
}
