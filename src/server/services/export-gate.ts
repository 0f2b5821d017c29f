import type { FileProblem } from '../../domain/benchmark/validate-file';
import { FileValidator } from '../../domain/benchmark/validate-file';
import type { ApiIssue } from '../../schemas/api/common';
import { ServiceError } from './service-error';

/** At most this many problems travel in a refused export's error (the count is always given). */
export const MAX_EXPORT_ISSUES = 100;

/**
 * Checks an export's lines, as they are written, with the validator `validate` runs (each line
 * parsed back from its text, so what is checked is what would be written), one validator per
 * file. `finish` refuses the export (422, code "export_refused", the problems in error.issues)
 * when any line breaks a rule, so no file `validate` would reject leaves the workspace.
 */
export class ExportGate {
  private readonly validators = new Map<string, FileValidator>();
  private readonly problems: FileProblem[] = [];
  private errors = 0;

  /** Checks one line of `file` (its text without the newline; lineNumber 1-based). */
  add(file: string, lineNumber: number, line: string): void {
    let validator = this.validators.get(file);
    if (!validator) {
      validator = new FileValidator({
        collectProblems: false,
        onProblem: (p) => {
          if (p.severity !== 'error') return;
          this.errors++;
          if (this.problems.length < MAX_EXPORT_ISSUES) this.problems.push(p);
        },
      });
      this.validators.set(file, validator);
    }
    validator.add({ kind: 'value', location: { file, lineNumber }, value: JSON.parse(line) });
  }

  /** Throws the refusal when any line broke a rule; returns quietly otherwise. */
  finish(): void {
    for (const [file, validator] of this.validators) validator.finish(file);
    if (this.errors === 0) return;
    const shown =
      this.errors > this.problems.length ? ` (the first ${this.problems.length} are listed)` : '';
    throw new ServiceError(
      'unprocessable',
      `The export was refused: ${this.errors} problem(s) would make its files fail validate${shown}. ` +
        'Fix the samples named in "issues" (in the workspace) and export again.',
      { code: 'export_refused', issues: this.problems.map(toIssue) },
    );
  }
}

function toIssue(p: FileProblem): ApiIssue {
  const line = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
  return {
    path: p.pathText === '' ? line : `${line}:${p.pathText}`,
    rule: p.rule,
    severity: p.severity,
    message: p.sampleId === null ? p.message : `sample ${p.sampleId}: ${p.message}`,
  };
}
