import type { ReviewWorkViewer } from '../../domain/review/visibility';
import type { AuditEntry } from '../../schemas/api/audit';
import { compileOnce } from '../storage/compiled-query';
import type { Insertable } from 'kysely';
import type { AuditLogTable, Db } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';
import { auditEntryVisibleTo } from './review-visibility';

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

/**
 * Audit entries the viewer may read, newest first, optionally for one entity; cursor is the last
 * seq seen. Entries about verdicts and flags follow the review-work reading rule.
 */
export async function listAudit(
  db: Db,
  viewer: ReviewWorkViewer,
  query: {
    entity?: string | undefined;
    entityId?: string | undefined;
    cursor?: number | undefined;
    limit: number;
  },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  let select = db.selectFrom('audit_log').selectAll();
  const visible = auditEntryVisibleTo(viewer);
  if (visible) select = select.where(visible);
  if (query.entity !== undefined) select = select.where('entity', '=', query.entity);
  if (query.entityId !== undefined) select = select.where('entity_id', '=', query.entityId);
  if (query.cursor !== undefined) select = select.where('seq', '<', query.cursor);
  const rows = await select
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      seq: row.seq,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      entity: row.entity,
      entityId: row.entity_id,
      action: row.action,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
      baseVersion: row.base_version,
      at: row.at,
    })),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}
