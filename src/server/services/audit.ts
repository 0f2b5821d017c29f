import type { AuditEntry } from '../../schemas/api/audit';
import { compileOnce } from '../storage/compiled-query';
import type { Insertable } from 'kysely';
import type { AuditLogTable, Db } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { auditEntryVisibleTo } from './review-visibility';
import { labelVisibleTo } from './visibility';

/** One change to record: written by the same transaction that makes the change. */
export interface AuditRecord {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  baseVersion: number | null;
}

/** One change with its before and after already written as JSON text (or null). */
export type AuditText = Omit<AuditRecord, 'before' | 'after'> & {
  before: string | null;
  after: string | null;
};

/** One audit_log row as inserted (seq is generated). */
export type AuditInsert = Omit<Insertable<AuditLogTable>, 'seq'>;

/** The audit_log row of one change by actor (null: the system or the CLI) at a time. */
export function auditRow(actor: Actor | null, entry: AuditText, at: string): AuditInsert {
  return {
    actor_id: actor?.id ?? null,
    actor_role: actor?.role ?? 'system',
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    base_version: entry.baseVersion,
    at,
  };
}

// Every write appends one entry: built and compiled once, not per request.
const insertAuditQuery = compileOnce(
  [
    'actor_id',
    'actor_role',
    'entity',
    'entity_id',
    'action',
    'before',
    'after',
    'base_version',
    'at',
  ],
  (db: Db, row: Required<AuditInsert>) => db.insertInto('audit_log').values(row),
);

const jsonOrNull = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one entry to the audit log (call with the transaction that makes the change). */
export async function writeAudit(trx: Db, actor: Actor | null, record: AuditRecord): Promise<void> {
  await insertAuditRow(
    trx,
    auditRow(
      actor,
      { ...record, before: jsonOrNull(record.before), after: jsonOrNull(record.after) },
      nowIso(),
    ),
  );
}

/** Appends a built audit row (see auditRow) within the caller's transaction. */
export async function insertAuditRow(trx: Db, row: AuditInsert): Promise<void> {
  await insertAuditQuery.execute(trx, {
    ...row,
    actor_id: row.actor_id ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    base_version: row.base_version ?? null,
  });
}

/** Which snapshots (before, after) of an entity a reader may see; absent: every snapshot. */
const SNAPSHOT_RULES: Readonly<Record<string, (reader: Actor, snapshot: unknown) => boolean>> = {
  // The label routes hide another labeller's draft; its audit entries must not show it either.
  dense_label: (reader, snapshot) =>
    labelVisibleTo(reader, snapshot as { labellerId: string; status: string }),
};

type AuditRowShape = {
  seq: number;
  actor_id: string | null;
  actor_role: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  base_version: number | null;
  at: string;
};

/**
 * The entry as the reader may see it: a snapshot the reader may not see is null and named in
 * `redacted`; an entry with nothing left to see (a draft's own saves) is not shown at all.
 */
function entryForReader(row: AuditRowShape, reader: Actor): AuditEntry | null {
  const rule = SNAPSHOT_RULES[row.entity];
  const snapshot = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));
  let before = snapshot(row.before);
  let after = snapshot(row.after);
  const redacted: Array<'before' | 'after'> = [];
  if (rule) {
    if (before !== null && !rule(reader, before)) {
      before = null;
      redacted.push('before');
    }
    if (after !== null && !rule(reader, after)) {
      after = null;
      redacted.push('after');
    }
    if (before === null && after === null && redacted.length > 0) return null;
  }
  return {
    seq: row.seq,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before,
    after,
    baseVersion: row.base_version,
    at: row.at,
    ...(redacted.length > 0 ? { redacted } : {}),
  };
}

/**
 * Audit entries the reader may see, newest first, optionally for one entity; cursor is the last
 * seq seen. Rows are scanned in pages until `limit` visible entries are found or none are left.
 */
export async function listAudit(
  db: Db,
  reader: Actor,
  query: {
    entity?: string | undefined;
    entityId?: string | undefined;
    cursor?: number | undefined;
    limit: number;
  },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  // Review work (verdicts, flags) in the query; label drafts per snapshot (entryForReader).
  const visible = auditEntryVisibleTo(reader);
  const items: AuditEntry[] = [];
  let cursor = query.cursor;
  let exhausted = false;
  while (items.length <= query.limit && !exhausted) {
    let select = db.selectFrom('audit_log').selectAll();
    if (visible) select = select.where(visible);
    if (query.entity !== undefined) select = select.where('entity', '=', query.entity);
    if (query.entityId !== undefined) select = select.where('entity_id', '=', query.entityId);
    if (cursor !== undefined) select = select.where('seq', '<', cursor);
    const batch = query.limit + 1;
    const rows = await select.orderBy('seq', 'desc').limit(batch).execute();
    exhausted = rows.length < batch;
    for (const row of rows) {
      const entry = entryForReader(row, reader);
      if (entry) items.push(entry);
      if (items.length > query.limit) break;
    }
    cursor = rows.at(-1)?.seq;
  }
  const page = items.slice(0, query.limit);
  return {
    items: page,
    nextCursor: items.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
