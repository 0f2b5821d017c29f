import type { ColumnType, Generated, Kysely } from 'kysely';

/** ISO-8601 UTC timestamp stored as text (sorts in time order in both databases). */
type Timestamp = string;
/** JSON stored as text: PostgreSQL jsonb would reorder keys, and exports must keep key order. */
type JsonText = string;
/** 0 or 1: SQLite has no boolean type, so both databases store an integer. */
type Flag = number;

/** users: one account; role is one of cardiologist, reviewer, curator, admin. */
export interface UsersTable {
  id: string;
  username: string;
  role: string;
  password_hash: string;
  disabled: Flag;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** sessions: one login; id_hash is the sha256 of the cookie value, never the value itself. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** ecg_records: a WFDB record the samples and labels are about (path relative to RECORDS_DIR). */
export interface EcgRecordsTable {
  id: string;
  source: string;
  ecg_id: string;
  subject_id: string | null;
  path: string | null;
  metadata: JsonText | null;
  created_at: Timestamp;
}

/** dense_labels: one labeller's eight-axis label of one ECG, draft or submitted. */
export interface DenseLabelsTable {
  id: string;
  ecg_record_id: string;
  labeller_id: string;
  status: string;
  content: JsonText;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** label_checks: a labeller's failing check on an ECG, open or dismissed with a reason. */
export interface LabelChecksTable {
  ecg_record_id: string;
  labeller_id: string;
  check_id: string;
  axis: string;
  message: string;
  /** The label and measured values the check failed for. */
  fingerprint: string;
  state: string;
  reason: string | null;
  dismissed_by: string | null;
  dismissed_at: Timestamp | null;
  updated_at: Timestamp;
}

/** samples: the current content of one benchmark sample (JSON text in the list shape). */
export interface SamplesTable {
  id: string;
  data_source: string;
  sample_id: number;
  target_dx: string;
  dx_label: Flag;
  path_idx: number;
  ecg_id: string;
  subject_id: string | null;
  ecg_record_id: string | null;
  content: JsonText;
  status: string;
  replaced_by: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** sample_revisions: every version a sample has had, the current one included. */
export interface SampleRevisionsTable {
  id: string;
  sample_pk: string;
  version: number;
  content: JsonText;
  kind: string;
  author_id: string | null;
  created_at: Timestamp;
  /** What a generated revision was built from (SampleProvenance as JSON); null otherwise. */
  provenance?: JsonText | null;
}

/** review_passes: a named review round over the samples a filter selects. */
export interface ReviewPassesTable {
  id: string;
  name: string;
  description: string;
  filter: JsonText;
  status: string;
  created_by: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** single or blind_double (0007). */
  mode: string;
  /** filter or ids: how the samples were chosen (0007). */
  selection: string;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

/** review_pass_samples: the samples a pass covers, fixed when it is made, in pass order. */
export interface ReviewPassSamplesTable {
  pass_id: string;
  sample_pk: string;
  position: number;
}

/** review_assignments: one item of a pass, a sample handed to a reviewer. */
export interface ReviewAssignmentsTable {
  pass_id: string;
  sample_pk: string;
  reviewer_id: string;
  created_at: Timestamp;
}

/** sample_preflags: one automatic pre-flag on a sample, with the numbers behind it. */
export interface SamplePreflagsTable {
  sample_pk: string;
  rule: string;
  severity: string;
  message: string;
  numbers: JsonText;
  engine_version: string;
  created_at: Timestamp;
  /** Where it points (0008; null on rows made before): step, part, grounding question, option. */
  step_idx: number | null;
  part: string | null;
  question_idx: number | null;
  option_idx: number | null;
  /** The sample version the pre-flag was computed on. */
  sample_version: number | null;
}

/** sample_preflag_checks: the last pre-flag check of a sample (checked, or why it could not be). */
export interface SamplePreflagChecksTable {
  sample_pk: string;
  sample_version: number;
  engine_version: string;
  /** checked: the rules ran on the record; no-record / record-error: only the text rules ran. */
  status: string;
  note: string | null;
  flag_count: number;
  run_id: string | null;
  checked_at: Timestamp;
}

/** preflag_runs: one pre-flag run (after an import, or asked for) and its progress. */
export interface PreflagRunsTable {
  id: string;
  /** running, done, failed, stopped (the server stopped before it finished). */
  status: string;
  /** import or request. */
  trigger: string;
  /** What the run covers, as JSON (the request's filter, list or "stale"). */
  scope: JsonText;
  requested_by: string | null;
  engine_version: string;
  total: number;
  done: number;
  flagged: number;
  failed: number;
  workers: number;
  error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

/** review_verdicts: one reviewer's verdict on one sample in one pass (and per step). */
export interface ReviewVerdictsTable {
  id: string;
  pass_id: string;
  sample_pk: string;
  reviewer_id: string;
  verdict: string;
  /** The first reason (kept for rows written before reason lists). */
  reason: string | null;
  /** JSON list of reasons; null only in rows no migration has seen. */
  reasons: JsonText | null;
  comment: string;
  steps: JsonText;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** flags: an open or resolved problem report on a sample, raised by a flag verdict. */
export interface FlagsTable {
  id: string;
  sample_pk: string;
  pass_id: string | null;
  verdict_id: string | null;
  raised_by: string;
  step_idx: number | null;
  reason: string;
  /** JSON list of reasons (0007); reason is its first. */
  reasons: JsonText | null;
  comment: string;
  status: string;
  resolution: string | null;
  /** Why a curator dismissed the flag (0013); null otherwise. */
  resolution_note: string | null;
  resolved_by: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * releases: a cut of the benchmark. manifest holds the frozen export files per answer shape;
 * status is draft (notes editable) or published; snapshot 1 when release_samples holds it.
 */
export interface ReleasesTable {
  id: string;
  name: string;
  /** The answer shape of the release files ("list" or "scalar"; "0.0.2" / "0.0.1" in old rows). */
  format_version: string;
  notes: string;
  sample_count: number;
  manifest: JsonText | null;
  created_by: string;
  created_at: Timestamp;
  status: string;
  version: number;
  snapshot: Flag;
  previous_release_id: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  updated_at: Timestamp | null;
}

/** release_samples: the revision of one sample a release froze, with its content's SHA-256. */
export interface ReleaseSamplesTable {
  release_id: string;
  data_source: string;
  sample_id: number;
  sample_pk: string;
  revision: number;
  ecg_id: string;
  target_dx: string;
  /** Lowercase hex SHA-256 of the sample's canonical list-shape line. */
  content_sha256: string;
}

/** idempotency_keys: the stored response of a write, replayed when the same key comes again. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response: JsonText;
  created_at: Timestamp;
}

/**
 * import_jobs: one import (announced, receiving its file, finished), shared by every server
 * process; status and phase are ImportJob's; report is the ImportReport as JSON.
 */
export interface ImportJobsTable {
  id: string;
  owner_id: string;
  file_name: string;
  replace: Flag;
  dry_run: Flag;
  status: string;
  phase: string | null;
  /** Bytes (an upload is at most 512 MiB: an integer column holds it). */
  bytes_received: number;
  total_bytes: number | null;
  entries_read: number;
  errors: number;
  warnings: number;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  report: JsonText | null;
  error: string | null;
  /** The run (one process's claim) that holds a running job. */
  runner: string | null;
  /** When the running job's process last renewed its lease. */
  heartbeat_at: Timestamp | null;
}

/** audit_log: append-only record of every change, written in the change's own transaction. */
export interface AuditLogTable {
  seq: Generated<number>;
  actor_id: string | null;
  actor_role: string;
  entity: string;
  entity_id: string;
  action: string;
  before: JsonText | null;
  after: JsonText | null;
  base_version: number | null;
  at: ColumnType<Timestamp, Timestamp, never>;
}

/** model_runs: one model's imported answers under one protocol (default or forced-commit). */
export interface ModelRunsTable {
  id: string;
  model: string;
  mode: string;
  file_name: string;
  /** The import report (counts, problems), as JSON. */
  report: JsonText;
  imported_by: string | null;
  created_at: Timestamp;
}

/** model_answers: a run's replies to one workspace sample and their score (JSON). */
export interface ModelAnswersTable {
  id: string;
  run_id: string;
  sample_pk: string;
  data_source: string;
  sample_id: number;
  target_dx: string;
  /** The sample's version the replies were matched against. */
  sample_version: number;
  replies: JsonText;
  score: JsonText;
}

/** label_predictors: a named set of predicted dense labels (imported, or the built-in reference). */
export interface LabelPredictorsTable {
  id: string;
  name: string;
  kind: string;
  report: JsonText;
  created_by: string | null;
  created_at: Timestamp;
}

/** label_predictions: one predictor's dense label for one ECG. */
export interface LabelPredictionsTable {
  predictor_id: string;
  ecg_record_id: string;
  content: JsonText;
}

/** The one database type SQLite and PostgreSQL share. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  ecg_records: EcgRecordsTable;
  dense_labels: DenseLabelsTable;
  label_checks: LabelChecksTable;
  samples: SamplesTable;
  sample_revisions: SampleRevisionsTable;
  review_passes: ReviewPassesTable;
  review_verdicts: ReviewVerdictsTable;
  review_pass_samples: ReviewPassSamplesTable;
  review_assignments: ReviewAssignmentsTable;
  sample_preflags: SamplePreflagsTable;
  sample_preflag_checks: SamplePreflagChecksTable;
  preflag_runs: PreflagRunsTable;
  flags: FlagsTable;
  releases: ReleasesTable;
  release_samples: ReleaseSamplesTable;
  idempotency_keys: IdempotencyKeysTable;
  import_jobs: ImportJobsTable;
  audit_log: AuditLogTable;
  model_runs: ModelRunsTable;
  model_answers: ModelAnswersTable;
  label_predictors: LabelPredictorsTable;
  label_predictions: LabelPredictionsTable;
}

/** A Kysely handle on the workbench database (either dialect). */
export type Db = Kysely<Database>;

/** Which engine is behind a Db. */
export type DbKind = 'sqlite' | 'postgres';
