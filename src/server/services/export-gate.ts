import type { FileProblem } from '../../domain/benchmark/validate-file';
import { FileValidator } from '../../domain/benchmark/validate-file';
import type { ApiIssue } from '../../schemas/api/common';
import type { DataSource } from '../../schemas/benchmark-sample';
import { exportFileName } from './export-names';

/**
 * A check of each sample as the export reads it. It runs in the first pass, before any byte is
 * written or sent, so a refused export leaves no half file.
 */
export interface ExportCheck {
  /** Problems of one canonical line (no newline), the file's line `lineNumber` (1-based). */
  line(source: DataSource, lineNumber: number, text: string): readonly ApiIssue[];
  /** Problems of a whole source's file (file-wide rules, e.g. duplicate ids), once every line was seen. */
  endOfFile?(source: DataSource): readonly ApiIssue[];
}

/**
 * The validation gate of every export: each line, as it will be written, parsed back and checked
 * with the validator `validate` runs, one validator per file (file-wide rules such as duplicate
 * ids at the end). The export's first pass refuses (422, code "export_refused") when any line
 * breaks a rule, so no file `validate` would reject leaves the workspace.
 */
export function exportGateCheck(): ExportCheck {
  const validators = new Map<DataSource, { validator: FileValidator; found: ApiIssue[] }>();
  const forSource = (source: DataSource) => {
    let entry = validators.get(source);
    if (!entry) {
      const found: ApiIssue[] = [];
      const validator = new FileValidator({
        collectProblems: false,
        onProblem: (p) => {
          if (p.severity === 'error') found.push(toIssue(p));
        },
      });
      entry = { validator, found };
      validators.set(source, entry);
    }
    return entry;
  };
  const take = (found: ApiIssue[]) => found.splice(0, found.length);
  return {
    line(source, lineNumber, text) {
      const { validator, found } = forSource(source);
      validator.add({
        kind: 'value',
        location: { file: exportFileName(source), lineNumber },
        value: JSON.parse(text),
      });
      return take(found);
    },
    endOfFile(source) {
      // A source with no samples writes no file, so there is nothing to finish.
      if (!validators.has(source)) return [];
      const { validator, found } = forSource(source);
      validator.finish(exportFileName(source));
      return take(found);
    },
  };
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
