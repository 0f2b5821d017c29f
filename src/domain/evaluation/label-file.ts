/** Reads a dense-label JSONL (truth or predictions) into labels keyed by "source/ecg_id". */
import type { SourceEntry } from '../jsonl/source-entry';
import type { DenseLabel } from '../../schemas/dense-label';
import { validateDenseLabelLine } from '../taxonomy/validate-label';

/** A problem with one line of a label file; an error leaves the line out. */
export interface LabelLineProblem {
  readonly file: string;
  readonly lineNumber: number | null;
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
}

/** The labels a file holds and the lines it could not use. */
export interface LabelFile {
  readonly labels: Map<string, DenseLabel>;
  readonly problems: LabelLineProblem[];
}

/** The key a label is matched by. */
export const labelKey = (dataSource: string, ecgId: string) => `${dataSource}/${ecgId}`;

/** Reads label lines, validating each as the validate command does; a repeated ECG is an error. */
export async function readLabelEntries(
  batches: AsyncIterable<readonly SourceEntry[]>,
): Promise<LabelFile> {
  const labels = new Map<string, DenseLabel>();
  const problems: LabelLineProblem[] = [];
  for await (const batch of batches) {
    for (const entry of batch) {
      const { file, lineNumber } = entry.location;
      if (entry.kind === 'problem') {
        problems.push({ file, lineNumber, ...entry.problem });
        continue;
      }
      const result = validateDenseLabelLine(entry.value);
      const errors = result.problems.filter((p) => p.severity === 'error');
      for (const p of errors) {
        problems.push({
          file,
          lineNumber,
          severity: 'error',
          rule: p.rule,
          message: `${p.pathText === '' ? '' : `${p.pathText}: `}${p.message}`,
        });
      }
      if (!result.line || errors.length > 0) continue;
      const key = labelKey(result.line.data_source, result.line.ecg_id);
      if (labels.has(key)) {
        problems.push({
          file,
          lineNumber,
          severity: 'error',
          rule: 'duplicate-ecg',
          message: `ECG ${key} is labelled twice; the first label is used`,
        });
        continue;
      }
      labels.set(key, result.line.label);
    }
  }
  return { labels, problems };
}
