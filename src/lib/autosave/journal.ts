import type { DBSchema, IDBPDatabase } from 'idb';
import { openDB } from 'idb';

/** One unsaved edit as journalled: the whole content after the edit, and what it was based on. */
export interface JournalEntry<C = unknown> {
  /** The entity key, e.g. "label:<ecg id>" or "sample:<id>". */
  readonly key: string;
  /** The editing session (one per tab and entity) that wrote it. */
  readonly session: string;
  /** Order of edits within the session, from 1. */
  readonly seq: number;
  readonly content: C;
  /** The server version the edit was made on (0: the entity did not exist yet). */
  readonly baseVersion: number;
  /** Sent with the save of this content, so a retry of the same save applies once. */
  readonly idempotencyKey: string;
  /** When the edit was made (ms since the epoch). */
  readonly atMs: number;
}

interface JournalSchema extends DBSchema {
  edits: {
    key: [string, string, number];
    value: JournalEntry;
    indexes: { byKey: string };
  };
}

/**
 * Where an autosaver journals its edits: the IndexedDB journal on this thread (AutosaveJournal)
 * or the same journal run in a Web Worker (WorkerJournal, the browser's default).
 */
export interface Journal {
  /**
   * Writes one edit; resolves with the milliseconds from this call to the write's commit, timed
   * where the write ran (this thread may learn of it later: Chromium holds the answer back until
   * the frame after a key press is painted).
   */
  append<C>(entry: JournalEntry<C>): Promise<number>;
  entries<C>(key: string): Promise<JournalEntry<C>[]>;
  confirm(key: string, session: string, throughSeq: number, version: number): Promise<void>;
  adopt(key: string, from: string, to: string, firstSeq: number): Promise<number>;
  close(): void;
}

/** The IndexedDB database every autosaver of this origin journals into. */
export const JOURNAL_DB_NAME = 'ecg-workbench-autosave';

/**
 * The journal of unsaved edits in IndexedDB: an edit is written here before anything is sent,
 * stays until the server confirmed a save that includes it, and survives reloads and crashes.
 */
export class AutosaveJournal implements Journal {
  private constructor(private readonly db: IDBPDatabase<JournalSchema>) {}

  /** Opens (creating on first use) the journal database. */
  static async open(name: string = JOURNAL_DB_NAME): Promise<AutosaveJournal> {
    const db = await openDB<JournalSchema>(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('edits', { keyPath: ['key', 'session', 'seq'] });
        store.createIndex('byKey', 'key');
      },
    });
    return new AutosaveJournal(db);
  }

  /**
   * Writes one edit (one IndexedDB transaction). Relaxed durability: committed once the browser
   * has it (a tab or browser crash keeps it), without waiting for the disk's flush.
   */
  async append<C>(entry: JournalEntry<C>): Promise<number> {
    const startMs = performance.now();
    const tx = this.db.transaction('edits', 'readwrite', { durability: 'relaxed' });
    await Promise.all([tx.store.put(entry), tx.done]);
    return performance.now() - startMs;
  }

  /** Every unsaved edit of an entity, all sessions, oldest first within each session. */
  async entries<C>(key: string): Promise<JournalEntry<C>[]> {
    const all = (await this.db.getAllFromIndex('edits', 'byKey', key)) as JournalEntry<C>[];
    return all.sort((a, b) => a.session.localeCompare(b.session) || a.seq - b.seq);
  }

  /**
   * A save of the session's edits up to throughSeq was confirmed at `version`: drops them and
   * rebases the later edits of the session on that version, in one transaction.
   */
  async confirm(key: string, session: string, throughSeq: number, version: number): Promise<void> {
    const tx = this.db.transaction('edits', 'readwrite');
    const range = IDBKeyRange.bound([key, session, 0], [key, session, Infinity]);
    for (let cursor = await tx.store.openCursor(range); cursor; cursor = await cursor.continue()) {
      if (cursor.value.seq <= throughSeq) await cursor.delete();
      else await cursor.update({ ...cursor.value, baseVersion: version });
    }
    await tx.done;
  }

  /** Moves another (ended) session's edits into this one, after its own, and drops the old. */
  async adopt(key: string, from: string, to: string, firstSeq: number): Promise<number> {
    const tx = this.db.transaction('edits', 'readwrite');
    const range = IDBKeyRange.bound([key, from, 0], [key, from, Infinity]);
    let seq = firstSeq;
    for (let cursor = await tx.store.openCursor(range); cursor; cursor = await cursor.continue()) {
      await tx.store.put({ ...cursor.value, session: to, seq });
      await cursor.delete();
      seq += 1;
    }
    await tx.done;
    return seq;
  }

  /** Closes the database connection. */
  close(): void {
    this.db.close();
  }
}
