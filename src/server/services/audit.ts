import type { ReviewWorkViewer } from '../../domain/review/visibility';
import type { AuditEntry } from '../../schemas/api/audit';
import { compileOnce } from '../storage/compiled-query';
import type { Db } from '../storage/database';
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

type AuditRow = {
  actorId: string | null;
  actorRole: string;
  entity: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
  baseVersion: number | null;
  at: string;
};

// Every write appends one entry: built and compiled once, not per request.
const insertAuditQuery = compileOnce(
  ['actorId', 'actorRole', 'entity', 'entityId', 'action', 'before', 'after', 'baseVersion', 'at'],
  (db: Db, p: AuditRow) =>
    db.insertInto('audit_log').values({
      actor_id: p.actorId,
      actor_role: p.actorRole,
      entity: p.entity,
      entity_id: p.entityId,
      action: p.action,
      before: p.before,
      after: p.after,
      base_version: p.baseVersion,
      at: p.at,
    }),
);

const jsonOrNull = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one entry to the audit log (call with the transaction that makes the change). */
export async function writeAudit(trx: Db, actor: Actor | null, record: AuditRecord): Promise<void> {
  await insertAuditQuery.execute(trx, {
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? 'system',
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    before: jsonOrNull(record.before),
    after: jsonOrNull(record.after),
    baseVersion: record.baseVersion,
    at: nowIso(),
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
