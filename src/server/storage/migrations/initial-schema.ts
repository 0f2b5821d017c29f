import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DbKind } from '../database';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The first schema: every table, with portable types (text, integer) and one serial column. */
export function initialMigration(kind: DbKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('ecg_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ecg_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('path', 'text')
        .addColumn('metadata', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ecg_records_source_ecg', ['source', 'ecg_id'])
        .execute();

      await db.schema
        .createTable('dense_labels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ecg_record_id', 'text', (c) => c.notNull().references('ecg_records.id'))
        .addColumn('labeller_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('dense_labels_ecg_labeller', ['ecg_record_id', 'labeller_id'])
        .execute();

      await db.schema
        .createTable('samples')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('sample_id', 'integer', (c) => c.notNull())
        .addColumn('target_dx', 'text', (c) => c.notNull())
        .addColumn('dx_label', 'integer', (c) => c.notNull())
        .addColumn('path_idx', 'integer', (c) => c.notNull())
        .addColumn('ecg_id', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('ecg_record_id', 'text', (c) => c.references('ecg_records.id'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('replaced_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('samples_source_sample', ['data_source', 'sample_id'])
        .execute();
      await db.schema
        .createIndex('samples_filter')
        .on('samples')
        .columns(['target_dx', 'dx_label', 'data_source', 'sample_id'])
        .execute();
      await db.schema
        .createIndex('samples_ecg')
        .on('samples')
        .columns(['data_source', 'ecg_id'])
        .execute();

      await db.schema
        .createTable('sample_revisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sample_revisions_version', ['sample_pk', 'version'])
        .execute();

      await db.schema
        .createTable('review_passes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('filter', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('review_verdicts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pass_id', 'text', (c) => c.notNull().references('review_passes.id'))
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('review_verdicts_one', ['pass_id', 'sample_pk', 'reviewer_id'])
        .execute();

      await db.schema
        .createTable('flags')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sample_pk', 'text', (c) => c.notNull().references('samples.id'))
        .addColumn('pass_id', 'text', (c) => c.references('review_passes.id'))
        .addColumn('verdict_id', 'text', (c) => c.references('review_verdicts.id'))
        .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('step_idx', 'integer')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('flags_sample').on('flags').column('sample_pk').execute();
      await db.schema.createIndex('flags_verdict').on('flags').column('verdict_id').execute();

      await db.schema
        .createTable('releases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('format_version', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('sample_count', 'integer', (c) => c.notNull())
        .addColumn('manifest', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
        .execute();

      // The only dialect-specific line: an auto-increasing sequence number for the audit order.
      const seqType =
        kind === 'sqlite' ? sql`integer primary key autoincrement` : sql`serial primary key`;
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', sql`${seqType}`)
        .addColumn('actor_id', 'text')
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('base_version', 'integer')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_entity')
        .on('audit_log')
        .columns(['entity', 'entity_id', 'seq'])
        .execute();
    },
  };
}
