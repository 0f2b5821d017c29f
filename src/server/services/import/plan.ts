import type {
  ImportCounts,
  ImportEcgs,
  ImportProblem,
  ImportReport,
} from '../../../schemas/api/transfer';
import type { DataSource } from '../../../schemas/benchmark-sample';
import type { EcgRecordsTable } from '../../storage/database';
import type { ImportRead, ReadSample } from './read';
import { importProblem, toImportProblem } from './report';

// Pure: everything here decides from what it is given (the file as read, the rows that exist,
// the records found) and touches no database, file or clock.

/** A stored sample the file names again: its row id, version and content. */
export interface ExistingSample {
  readonly id: string;
  readonly version: number;
  readonly content: string;
}

/** One ECG the samples name. */
export interface EcgKey {
  readonly source: DataSource;
  readonly ecgId: string;
  readonly subjectId: string | null;
}

/** The key of a (data_source, id) sample or a (source, ecg_id) ECG: "ptbxl/21472". */
export const keyOf = (source: string, id: string | number) => `${source}/${String(id)}`;

/** What an import will do with its samples, or why it refuses. */
export interface SamplePlan {
  /** Every problem: the validator's and the importer's own (not-samples, already-imported). */
  readonly problems: readonly ImportProblem[];
  readonly errors: number;
  readonly warnings: number;
  readonly toCreate: readonly ReadSample[];
  readonly toReplace: readonly { readonly item: ReadSample; readonly current: ExistingSample }[];
  /** Samples named again whose content is already the stored one (replace). */
  readonly unchanged: number;
  /** Distinct ECGs the valid samples name, in file order. */
  readonly ecgs: readonly EcgKey[];
}

/**
 * Decides per sample: create it, store it as the next revision (replace), leave it (unchanged),
 * or refuse it (already imported without replace); adds the importer's own problems to the
 * validator's. Any error refuses the whole file.
 */
export function planSamples(
  read: ImportRead,
  existing: ReadonlyMap<string, ExistingSample>,
  options: { readonly fileName: string; readonly replace: boolean },
): SamplePlan {
  const { verdict } = read;
  const problems = verdict.problems.map(toImportProblem);
  if (verdict.kind === 'dense-labels' || verdict.kind === 'mixed') {
    problems.push(
      importProblem(
        { file: options.fileName, lineNumber: null },
        null,
        'not-samples',
        '',
        'this file holds dense labels; the import takes benchmark samples (ptbxl.jsonl, mimic_iv_ecg.jsonl)',
      ),
    );
  }
  const toCreate: ReadSample[] = [];
  const toReplace: { item: ReadSample; current: ExistingSample }[] = [];
  let unchanged = 0;
  const ecgs = new Map<string, EcgKey>();
  for (const item of read.samples) {
    const { metadata } = item;
    const current = existing.get(keyOf(metadata.data_source, metadata.id));
    if (!current) toCreate.push(item);
    else if (!options.replace) {
      problems.push(
        importProblem(
          item.location,
          metadata.id,
          'already-imported',
          'metadata.id',
          `the ${metadata.data_source} sample ${metadata.id} is already in the workspace (version ${current.version}); ` +
            'import with replace to store this line as its next revision',
        ),
      );
    } else if (current.content === item.content) unchanged++;
    else toReplace.push({ item, current });
    const ecg = keyOf(metadata.data_source, metadata.ecg_id);
    if (!ecgs.has(ecg)) {
      ecgs.set(ecg, {
        source: metadata.data_source,
        ecgId: metadata.ecg_id,
        subjectId: metadata.subject_id ?? null,
      });
    }
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    problems,
    errors,
    warnings: problems.length - errors,
    toCreate,
    toReplace,
    unchanged,
    ecgs: [...ecgs.values()],
  };
}

/** An ECG registered before this import. */
export interface RegisteredEcg {
  readonly id: string;
  readonly path: string | null;
}

/** What the import found about the ECGs its samples name. */
export interface EcgFacts {
  /** ECGs already registered, by keyOf(source, ecg_id). */
  readonly registered: ReadonlyMap<string, RegisteredEcg>;
  /** The record path found for each ECG of SamplePlan.ecgs, in the same order (null: none). */
  readonly paths: readonly (string | null)[];
  /** PTB-XL metadata by ecg_id (ptbxl_database.csv), empty when none was found. */
  readonly ptbxlMetadata: ReadonlyMap<string, unknown>;
}

/** What an import will do with the ECGs its samples name. */
export interface EcgPlan {
  readonly newEcgs: readonly EcgRecordsTable[];
  /** Registered ECGs whose record path or metadata the import refreshes. */
  readonly updates: readonly {
    readonly id: string;
    readonly path: string | null;
    readonly metadata: string | null;
  }[];
  /** The ecg_records id of every named ECG, by keyOf(source, ecg_id). */
  readonly idByKey: ReadonlyMap<string, string>;
  /** ECGs whose records were not found, as "source/ecg_id", sorted. */
  readonly missingRecords: readonly string[];
  readonly report: ImportEcgs;
}

/**
 * Registers each named ECG that is new (with its record path and PTB-XL metadata when found) and
 * refreshes those registered before; `makeId` names new rows, `now` stamps them.
 */
export function planEcgs(
  ecgs: readonly EcgKey[],
  facts: EcgFacts,
  makeId: () => string,
  now: string,
): EcgPlan {
  const newEcgs: EcgRecordsTable[] = [];
  const updates: { id: string; path: string | null; metadata: string | null }[] = [];
  const idByKey = new Map<string, string>();
  let withMetadata = 0;
  ecgs.forEach((ecg, i) => {
    const key = keyOf(ecg.source, ecg.ecgId);
    const metadata = ecg.source === 'ptbxl' ? facts.ptbxlMetadata.get(ecg.ecgId) : undefined;
    if (metadata) withMetadata++;
    const metadataText = metadata ? JSON.stringify({ ptbxl: metadata }) : null;
    const found = facts.paths[i] ?? null;
    const current = facts.registered.get(key);
    if (current) {
      idByKey.set(key, current.id);
      if (current.path !== found || metadataText !== null)
        updates.push({ id: current.id, path: found, metadata: metadataText });
      return;
    }
    const id = makeId();
    idByKey.set(key, id);
    newEcgs.push({
      id,
      source: ecg.source,
      ecg_id: ecg.ecgId,
      subject_id: ecg.subjectId,
      path: found,
      metadata: metadataText,
      created_at: now,
    });
  });
  const missingRecords = ecgs
    .filter((_, i) => (facts.paths[i] ?? null) === null)
    .sort(byEcg)
    .map((e) => keyOf(e.source, e.ecgId));
  return {
    newEcgs,
    updates,
    idByKey,
    missingRecords,
    report: {
      named: ecgs.length,
      registered: newEcgs.length,
      withRecord: ecgs.length - missingRecords.length,
      withMetadata,
    },
  };
}

/** Orders ECGs by source, then by ecg_id as a number (ids are digits). */
function byEcg(a: EcgKey, b: EcgKey): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.ecgId.length - b.ecgId.length || (a.ecgId < b.ecgId ? -1 : a.ecgId > b.ecgId ? 1 : 0);
}

/** The report's counts: created, replaced and unchanged only once the file is accepted. */
function planCounts(read: ImportRead, plan: SamplePlan, accepted: boolean): ImportCounts {
  return {
    entries: read.verdict.counts.entries,
    samples: read.verdict.counts.samples,
    created: accepted ? plan.toCreate.length : 0,
    replaced: accepted ? plan.toReplace.length : 0,
    unchanged: accepted ? plan.unchanged : 0,
    errors: plan.errors,
    warnings: plan.warnings,
  };
}

/** The report of an import: refused (no ECG plan), checked (dry run) or imported. */
export function importReport(
  outcome: ImportReport['outcome'],
  fileName: string,
  read: ImportRead,
  plan: SamplePlan,
  ecgPlan: EcgPlan | null,
): ImportReport {
  return {
    outcome,
    file: fileName,
    answerShape: read.verdict.answerShape,
    counts: planCounts(read, plan, ecgPlan !== null),
    ecgs: ecgPlan?.report ?? {
      named: plan.ecgs.length,
      registered: 0,
      withRecord: 0,
      withMetadata: 0,
    },
    missingRecords: ecgPlan ? [...ecgPlan.missingRecords] : [],
    problems: [...plan.problems],
  };
}
