/** An audit_log row written by the system (no actor), for storage tests that need rows to write. */
import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../server/storage/database';
import { nowIso } from '../server/storage/ids';

/** The row's varying fields; the rest are a system write's (no actor, no before, no version). */
export interface SystemAuditFields {
  readonly entity: string;
  readonly entityId: string;
  readonly action: string;
  readonly after?: string | null;
  readonly baseVersion?: number | null;
  /** When written (ISO text); now unless given. */
  readonly at?: string;
}

/** The values of one system audit row, ready for `insertInto('audit_log').values(...)`. */
export function systemAuditRow(f: SystemAuditFields): Insertable<AuditLogTable> {
  return {
    actor_id: null,
    actor_role: 'system',
    entity: f.entity,
    entity_id: f.entityId,
    action: f.action,
    before: null,
    after: f.after ?? null,
    base_version: f.baseVersion ?? null,
    at: f.at ?? nowIso(),
  };
}
