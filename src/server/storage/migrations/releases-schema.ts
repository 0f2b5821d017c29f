import type { Kysely, Migration } from 'kysely';

// Kysely's loose Kysely<any> is the documented type for migrations: they run against any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Releases with snapshots: a release freezes which revision of every active sample it holds
 * (release_samples, with the SHA-256 of its canonical line), its notes are a draft until
 * published, and it names the release its notes compare with. Releases cut before this keep
 * their free-text notes, count as published and have no snapshot.
 */
export const releasesMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('releases')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
      .execute();
    await db.schema
      .alterTable('releases')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('releases')
      .addColumn('snapshot', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('releases')
      .addColumn('previous_release_id', 'text', (c) => c.references('releases.id'))
      .execute();
    await db.schema
      .alterTable('releases')
      .addColumn('published_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema.alterTable('releases').addColumn('published_at', 'text').execute();
    await db.schema.alterTable('releases').addColumn('updated_at', 'text').execute();

    await db.schema
      .createTable('release_samples')
      .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
      .addColumn('data_source', 'text', (c) => c.notNull())
      .addColumn('sample_id', 'integer', (c) => c.notNull())
      .addColumn('sample_pk', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('ecg_id', 'text', (c) => c.notNull())
      .addColumn('target_dx', 'text', (c) => c.notNull())
      .addColumn('content_sha256', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('release_samples_pk', ['release_id', 'data_source', 'sample_id'])
      // A revision a release holds can never be deleted.
      .addForeignKeyConstraint(
        'release_samples_revision',
        ['sample_pk', 'revision'],
        'sample_revisions',
        ['sample_pk', 'version'],
      )
      .execute();
  },
};
