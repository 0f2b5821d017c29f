import type { FileProblem } from '../../../domain/benchmark/validate-file';
import type { ImportProblem, ImportReport } from '../../../schemas/api/transfer';
import { describeAnswerShape } from '../../../schemas/benchmark-sample';

/** Rules the importer adds to the validator's (for the README). */
export const IMPORT_RULES = {
  'already-imported': [
    'error',
    'a sample whose data_source and id exist is refused unless replace is asked for',
  ],
  'not-samples': ['error', 'the import takes benchmark samples, not dense labels'],
} as const;

/** Where a problem sits: the file and, in JSONL, the 1-based line. */
export interface ProblemLocation {
  readonly file: string;
  readonly lineNumber: number | null;
}

/** One problem as a line: `file:17: error: sample 16: data.reasoning[0].answer: message [rule]`. */
export function formatImportProblem(p: Omit<ImportProblem, 'text'>): string {
  const location = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
  const sample = p.sampleId === null ? '' : `sample ${p.sampleId}: `;
  const path = p.path === '' ? '' : `${p.path}: `;
  return `${location}: ${p.severity}: ${sample}${path}${p.message} [${p.rule}]`;
}

/** A validator's problem as an import report's problem. */
export function toImportProblem(problem: FileProblem): ImportProblem {
  const out = {
    severity: problem.severity,
    rule: problem.rule,
    file: problem.file,
    lineNumber: problem.lineNumber,
    sampleId: problem.sampleId,
    path: problem.pathText,
    message: problem.message,
  };
  return { ...out, text: formatImportProblem(out) };
}

/** An error of one of the importer's own rules. */
export function importProblem(
  location: ProblemLocation,
  sampleId: number | null,
  rule: keyof typeof IMPORT_RULES,
  path: string,
  message: string,
): ImportProblem {
  const out = {
    severity: 'error' as const,
    rule,
    file: location.file,
    lineNumber: location.lineNumber,
    sampleId,
    path,
    message,
  };
  return { ...out, text: formatImportProblem(out) };
}

/** The report as lines for a terminal: outcome, counts, missing records, then every problem. */
export function formatImportReport(report: ImportReport, maxMissingShown = 20): string[] {
  const { counts, ecgs } = report;
  const lines: string[] = [];
  const shape =
    report.answerShape === null
      ? 'answer shape undecided'
      : describeAnswerShape(report.answerShape);
  if (report.outcome === 'refused') {
    lines.push(
      `${report.file}: import refused, nothing was written (${counts.errors} error(s), ${counts.warnings} warning(s)).`,
    );
  } else {
    const verb = report.outcome === 'imported' ? 'imported' : 'checked (dry run, nothing written)';
    lines.push(
      `${report.file}: ${verb} - ${shape}, ${counts.samples} samples: ${counts.created} new, ` +
        `${counts.replaced} replaced, ${counts.unchanged} unchanged; ${counts.warnings} warning(s).`,
    );
    lines.push(
      `ECGs: ${ecgs.named} named, ${ecgs.registered} newly registered, ${ecgs.withRecord} with a record, ` +
        `${report.missingRecords.length} missing, ${ecgs.withMetadata} with PTB-XL metadata.`,
    );
    if (report.missingRecords.length > 0) {
      const shown = report.missingRecords.slice(0, maxMissingShown).join(', ');
      const more =
        report.missingRecords.length > maxMissingShown
          ? `, ... (${report.missingRecords.length} in all)`
          : '';
      lines.push(`Missing records: ${shown}${more}`);
    }
  }
  for (const problem of report.problems) lines.push(problem.text);
  return lines;
}
