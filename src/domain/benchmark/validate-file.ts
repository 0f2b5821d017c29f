import type { AnswerShape, BenchmarkSample } from '../../schemas/benchmark-sample';
import type { Problem } from '../../schemas/issues';
import { formatPath } from '../../schemas/issues';
import type { EntryLocation, SourceEntry } from '../jsonl/source-entry';
import { validateDenseLabelLine } from '../taxonomy/validate-label';
import { detectKind, validateSample } from './validate-sample';

/** File-level rules (on top of the per-sample and per-label rules), for the README. */
export const FILE_RULES = {
  'duplicate-id': ['error', 'metadata.id is unique within a file (the message names both lines)'],
  'duplicate-ecg': ['error', 'a dense-label file has one line per ECG (data_source + ecg_id)'],
  'mixed-shapes': [
    'error',
    'all samples of a file write wave/measurement answers in one shape (all lists or all scalars)',
  ],
  'mixed-kinds': ['error', 'a file holds benchmark samples or dense labels, not both'],
  'empty-file': ['error', 'a file holds at least one sample or label'],
  'too-deep': ['error', 'a document nested too deeply to check is refused, not crashed on'],
  'layout.path-mismatch': [
    'warning',
    'in the directory layout, <source>/<target_dx>/<id>.json agrees with the metadata',
  ],
  'layout.unexpected-entry': [
    'warning',
    'the directory layout holds only <source>/<target_dx>/<id>.json',
  ],
  'jsonl.bom': ['warning', 'no UTF-8 byte order mark (it is ignored)'],
  'jsonl.crlf': ['warning', 'lines end in \\n, not \\r\\n (reported once per file; read as \\n)'],
  'jsonl.blank-line': ['warning', 'no blank lines (each is skipped)'],
  'jsonl.line-too-long': ['error', 'a line is at most the line limit (default 16 MiB)'],
  'jsonl.invalid-utf8': ['error', 'every line is valid UTF-8'],
  'jsonl.syntax': ['error', 'every line is one JSON value (the message gives the column)'],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

/** A problem located in a file: where (file, line), which sample, which JSON path. */
export interface FileProblem extends Problem {
  readonly file: string;
  /** 1-based line in a JSONL file; null for a one-sample file or the file as a whole. */
  readonly lineNumber: number | null;
  /** metadata.id of the sample, when it could be read. */
  readonly sampleId: number | null;
}

/** What a file holds: benchmark samples, dense labels, both (an error) or nothing. */
export type FileKind = 'samples' | 'dense-labels' | 'mixed' | 'empty';

/** The verdict on a whole file or directory. */
export interface FileValidation {
  readonly kind: FileKind;
  /** The samples' answer shape; null for labels, empty files, undecided or mixed shapes. */
  readonly answerShape: AnswerShape | null;
  readonly counts: {
    /** Documents read (parsed lines or sample files). */
    readonly entries: number;
    readonly samples: number;
    readonly denseLabels: number;
    /** Documents with at least one error. */
    readonly invalid: number;
    readonly errors: number;
    readonly warnings: number;
  };
  readonly problems: readonly FileProblem[];
}

/** The verdict on one document, as it is read. */
export interface EntryOutcome {
  readonly location: EntryLocation;
  readonly kind: 'sample' | 'dense-label' | null;
  /** The validated sample, only when it has no errors (warnings allowed). */
  readonly sample: BenchmarkSample | null;
  readonly answerShape: AnswerShape | null;
  readonly errors: number;
}

/** Validator settings. */
export interface FileValidatorOptions {
  /** Called for every problem as it is found (to stream output). */
  readonly onProblem?: (problem: FileProblem) => void;
  /** Keep problems in the result (default true; false keeps memory flat on huge files). */
  readonly collectProblems?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Best-effort metadata.id of an unvalidated sample, for locating its problems. */
function rawSampleId(value: unknown): number | null {
  if (!isRecord(value)) return null;
  const metadata = own(value, 'metadata');
  if (!isRecord(metadata)) return null;
  const id = own(metadata, 'id');
  return Number.isSafeInteger(id) ? (id as number) : null;
}

function where(location: EntryLocation): string {
  return location.lineNumber === null ? location.file : `line ${location.lineNumber}`;
}

/**
 * Validates the documents of one file (or one directory) in order: each as a sample or a dense
 * label, plus the rules that span documents (duplicate ids, one answer shape, one kind).
 */
export class FileValidator {
  private readonly problems: FileProblem[] = [];
  private readonly ids = new Map<number, EntryLocation>();
  private readonly ecgs = new Map<string, EntryLocation>();
  private fileKind: 'sample' | 'dense-label' | null = null;
  private kindLocation: EntryLocation | null = null;
  private mixedKinds = false;
  private shape: AnswerShape | null = null;
  private shapeLocation: EntryLocation | null = null;
  private shapeConflict = false;
  private entries = 0;
  private samples = 0;
  private denseLabels = 0;
  private invalid = 0;
  private errors = 0;
  private warnings = 0;

  constructor(private readonly options: FileValidatorOptions = {}) {}

  private report(
    location: EntryLocation,
    sampleId: number | null,
    problem: Omit<Problem, 'pathText'>,
  ): void {
    const full: FileProblem = {
      ...problem,
      pathText: formatPath(problem.path),
      file: location.file,
      lineNumber: location.lineNumber,
      sampleId,
    };
    if (full.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.options.collectProblems !== false) this.problems.push(full);
    this.options.onProblem?.(full);
  }

  /** Checks one entry of the source; returns the sample when it may be used. */
  add(entry: SourceEntry): EntryOutcome {
    const { location } = entry;
    if (entry.kind === 'problem') {
      this.report(location, null, { ...entry.problem, path: [] });
      if (entry.problem.severity === 'error') this.invalid++;
      return { location, kind: null, sample: null, answerShape: null, errors: 0 };
    }
    this.entries++;
    const errorsBefore = this.errors;
    const detected = detectKind(entry.value);
    const kind =
      detected === 'dense-label' || (detected === 'unknown' && this.fileKind === 'dense-label')
        ? 'dense-label'
        : 'sample';
    if (this.fileKind === null) {
      this.fileKind = kind;
      this.kindLocation = location;
    } else if (kind !== this.fileKind && detected !== 'unknown') {
      this.mixedKinds = true;
      const first = this.fileKind === 'sample' ? 'a benchmark sample' : 'a dense label';
      this.report(location, rawSampleId(entry.value), {
        severity: 'error',
        rule: 'mixed-kinds',
        path: [],
        message: `this is ${kind === 'sample' ? 'a benchmark sample' : 'a dense label'}, but ${where(this.kindLocation!)} is ${first}; a file holds one or the other`,
      });
    }
    let outcome: EntryOutcome;
    try {
      outcome =
        kind === 'sample'
          ? this.addSample(entry.value, entry)
          : this.addLabel(entry.value, location);
    } catch (error) {
      // A validator may recurse (messages describe found values); a RangeError from a
      // pathologically deep document must be a reported problem, not a crash.
      const deep = error instanceof RangeError;
      this.report(location, rawSampleId(entry.value), {
        severity: 'error',
        rule: 'too-deep',
        path: [],
        message: deep
          ? 'the document is nested too deeply to check; it was skipped'
          : `the document could not be checked (${error instanceof Error ? error.message : String(error)}); it was skipped`,
      });
      outcome = { location, kind, sample: null, answerShape: null, errors: 1 };
    }
    const errors = this.errors - errorsBefore;
    if (errors > 0) this.invalid++;
    return { ...outcome, sample: errors > 0 ? null : outcome.sample, errors };
  }

  private addSample(value: unknown, entry: SourceEntry & { kind: 'value' }): EntryOutcome {
    const { location } = entry;
    this.samples++;
    const result = validateSample(value);
    const sampleId = result.sample?.metadata.id ?? rawSampleId(value);
    for (const p of result.problems) this.report(location, sampleId, p);

    const { shape } = result;
    if (shape === 'scalar' || shape === 'list') {
      if (this.shape === null && !this.shapeConflict) {
        this.shape = shape;
        this.shapeLocation = location;
      } else if (this.shape !== null && shape !== this.shape) {
        this.shapeConflict = true;
        this.report(location, sampleId, {
          severity: 'error',
          rule: 'mixed-shapes',
          path: [],
          message: `this sample writes wave/measurement answers in the ${shape} shape, but ${where(this.shapeLocation!)} uses the ${this.shape} shape; a file uses one shape`,
        });
      }
    }

    if (sampleId !== null) {
      const first = this.ids.get(sampleId);
      if (first) {
        this.report(location, sampleId, {
          severity: 'error',
          rule: 'duplicate-id',
          path: ['metadata', 'id'],
          message: `id ${sampleId} is used twice: here and on ${where(first)}; ids are unique within a file`,
        });
      } else {
        this.ids.set(sampleId, location);
      }
    }

    if (entry.layout && result.sample) {
      const { metadata } = result.sample;
      const checks: [string, string, string, string][] = [
        ['data_source', metadata.data_source, entry.layout.dataSource, 'source folder'],
        ['target_dx', metadata.target_dx, entry.layout.targetDx, 'diagnosis folder'],
        ['id', String(metadata.id), entry.layout.id, 'file name'],
      ];
      for (const [key, inMetadata, inPath, part] of checks) {
        if (inMetadata === inPath) continue;
        this.report(location, sampleId, {
          severity: 'warning',
          rule: 'layout.path-mismatch',
          path: ['metadata', key],
          message: `the ${part} says ${JSON.stringify(inPath)} but metadata.${key} is ${JSON.stringify(inMetadata)}; the metadata is used`,
        });
      }
    }
    return {
      location,
      kind: 'sample',
      sample: result.sample,
      answerShape: result.answerShape,
      errors: 0,
    };
  }

  private addLabel(value: unknown, location: EntryLocation): EntryOutcome {
    this.denseLabels++;
    const result = validateDenseLabelLine(value);
    for (const p of result.problems) this.report(location, null, p);
    if (result.line) {
      const key = `${result.line.data_source}/${result.line.ecg_id}`;
      const first = this.ecgs.get(key);
      if (first) {
        this.report(location, null, {
          severity: 'error',
          rule: 'duplicate-ecg',
          path: ['ecg_id'],
          message: `ECG ${key} is labelled twice: here and on ${where(first)}; one label per ECG`,
        });
      } else {
        this.ecgs.set(key, location);
      }
    }
    return { location, kind: 'dense-label', sample: null, answerShape: null, errors: 0 };
  }

  /** The verdict once every entry has been added; `file` names the source for file-wide problems. */
  finish(file: string): FileValidation {
    if (this.entries === 0) {
      this.report({ file, lineNumber: null }, null, {
        severity: 'error',
        rule: 'empty-file',
        path: [],
        message: 'no samples or labels were found',
      });
    }
    const kind: FileKind =
      this.entries === 0
        ? 'empty'
        : this.mixedKinds
          ? 'mixed'
          : this.fileKind === 'dense-label'
            ? 'dense-labels'
            : 'samples';
    return {
      kind,
      answerShape: kind === 'samples' && !this.shapeConflict ? this.shape : null,
      counts: {
        entries: this.entries,
        samples: this.samples,
        denseLabels: this.denseLabels,
        invalid: this.invalid,
        errors: this.errors,
        warnings: this.warnings,
      },
      problems: this.problems,
    };
  }
}

/** Validates a whole source (see FileValidator). */
export async function validateEntries(
  file: string,
  entries: AsyncIterable<SourceEntry>,
  options: FileValidatorOptions = {},
): Promise<FileValidation> {
  const validator = new FileValidator(options);
  for await (const entry of entries) validator.add(entry);
  return validator.finish(file);
}

/** Validates a whole source given in batches of entries (see FileValidator). */
export async function validateBatches(
  file: string,
  batches: AsyncIterable<readonly SourceEntry[]>,
  options: FileValidatorOptions = {},
): Promise<FileValidation> {
  const validator = new FileValidator(options);
  for await (const batch of batches) for (const entry of batch) validator.add(entry);
  return validator.finish(file);
}
