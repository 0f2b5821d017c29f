import type { AuditEntry } from '../../schemas/api/audit';
import type { Db } from '../storage/database';
import { nowIso } from '../storage/ids';
import type { Actor } from './actor';

/** One change to record: written by the same transaction that makes the change. */
export interface AuditRecord {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  baseVersion: number | null;
}

/** Appends one entry to the audit log (call with the transaction that makes the change). */
export async function writeAudit(trx: Db, actor: Actor | null, record: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: actor?.id ?? null,
      actor_role: actor?.role ?? 'system',
      entity: record.entity,
      entity_id: record.entityId,
      action: record.action,
      before:
        record.before === undefined || record.before === null
          ? null
          : JSON.stringify(record.before),
      after:
        record.after === undefined || record.after === null ? null : JSON.stringify(record.after),
      base_version: record.baseVersion,
      at: nowIso(),
    })
    .execute();
}

/** Audit entries, newest first, optionally for one entity; cursor is the last seq seen. */
export async function listAudit(
  db: Db,
  query: {
    entity?: string | undefined;
    entityId?: string | undefined;
    cursor?: number | undefined;
    limit: number;
  },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  let select = db.selectFrom('audit_log').selectAll();
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
