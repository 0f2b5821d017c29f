import type { Journal, JournalEntry } from './journal';
import { recordJournalWrite } from './journal-timing';
import { UndoStack } from './undo-stack';

/** What one save attempt came to, as the transport reports it. */
export type SaveResult<C> =
  /** Stored: the entity is now at `version`. */
  | { readonly kind: 'saved'; readonly version: number }
  /** 412: someone saved since our base; theirs is at `version` with `content`. */
  | { readonly kind: 'conflict'; readonly version: number; readonly content: C }
  /** The server could not be reached: kept, retried. */
  | { readonly kind: 'offline'; readonly message: string }
  /** The server refused (422, 403, 5xx...): kept in the journal, retried on the next edit. */
  | { readonly kind: 'error'; readonly message: string };

/** One save the autosaver asks the transport for. */
export interface SaveRequest<C> {
  readonly key: string;
  readonly content: C;
  /** Send as If-Match. */
  readonly baseVersion: number;
  /** Send as Idempotency-Key: the same for every retry of this content. */
  readonly idempotencyKey: string;
}

/** A 412 as the merge callback sees it: my content and theirs, nothing dropped yet. */
export interface Conflict<C> {
  readonly mine: C;
  readonly theirs: C;
  readonly theirsVersion: number;
  readonly baseVersion: number;
}

/** The save state the status line shows, in words. */
export type AutosaveStatus =
  | { readonly state: 'saved'; readonly version: number }
  | { readonly state: 'saving'; readonly version: number; readonly queued: number }
  | {
      readonly state: 'offline';
      readonly version: number;
      readonly queued: number;
      readonly message: string;
    }
  | { readonly state: 'conflict'; readonly version: number; readonly theirsVersion: number }
  | {
      readonly state: 'error';
      readonly version: number;
      readonly queued: number;
      readonly message: string;
    };

/** What the UI renders from: the content, the save state, and whether undo/redo can go. */
export interface AutosaveSnapshot<C> {
  readonly content: C;
  readonly status: AutosaveStatus;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Edits recovered from the journal at start (a reload or crash before they were saved). */
  readonly recovered: number;
}

/** How an autosaver is set up. */
export interface AutosaveOptions<C> {
  /** The entity key (also the journal's key), e.g. "label:<ecg id>". */
  readonly key: string;
  readonly journal: Journal;
  /** Sends one save; maps the answer to a SaveResult (never throws for HTTP answers). */
  readonly save: (request: SaveRequest<C>) => Promise<SaveResult<C>>;
  /** Resolves a 412 to the content to save on top of theirs (e.g. after a merge view). */
  readonly merge: (conflict: Conflict<C>) => Promise<C>;
  /** Quiet time after the last edit before a save starts (ms, default 400). */
  readonly debounceMs?: number;
  /** First retry delay when offline (ms, default 1000; doubles up to 8000). */
  readonly retryMs?: number;
  /** True while another tab's session is alive (its journal edits are then left to it). */
  readonly isSessionAlive?: (session: string) => Promise<boolean>;
  /** Content equality (default: same JSON). */
  readonly equals?: (a: C, b: C) => boolean;
  /** Called when the autosaver takes a session id (the hook holds a Web Lock named for it). */
  readonly onSession?: (session: string) => void;
}

const MAX_RETRY_MS = 8000;

function jsonEquals(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Keeps one entity saved while it is edited: journals every edit, debounces saves, retries
 * while offline, hands 412s to the merge callback, and keeps undo/redo. See ./index.ts.
 */
export class Autosaver<C> {
  private content: C;
  private version: number;
  private seq = 0;
  private confirmedSeq = 0;
  private pending: JournalEntry<C> | undefined;
  private status: AutosaveStatus;
  private snapshot: AutosaveSnapshot<C>;
  private readonly undoStack = new UndoStack<C>();
  private readonly listeners = new Set<() => void>();
  private journalTail: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private retryDelayMs: number;
  private disposed = false;
  private recovered = 0;

  private constructor(
    private readonly options: AutosaveOptions<C>,
    private readonly session: string,
    initial: { readonly version: number; readonly content: C },
  ) {
    this.content = initial.content;
    this.version = initial.version;
    this.status = { state: 'saved', version: initial.version };
    this.retryDelayMs = options.retryMs ?? 1000;
    this.snapshot = this.makeSnapshot();
  }

  /**
   * Starts editing an entity from the server's state; edits a reload or a closed tab left in the
   * journal are taken over (replayed on top of that state) and saved at once.
   */
  static async start<C>(
    options: AutosaveOptions<C>,
    initial: { readonly version: number; readonly content: C },
  ): Promise<Autosaver<C>> {
    const session = crypto.randomUUID();
    options.onSession?.(session);
    const saver = new Autosaver(options, session, initial);
    await saver.recover();
    return saver;
  }

  private async recover(): Promise<void> {
    const { journal, key } = this.options;
    const alive = this.options.isSessionAlive ?? (async () => false);
    const sessions = new Set((await journal.entries(key)).map((entry) => entry.session));
    let next = 1;
    for (const other of sessions) {
      if (await alive(other)) continue;
      next = await journal.adopt(key, other, this.session, next);
    }
    const mine = (await journal.entries<C>(key)).filter((entry) => entry.session === this.session);
    const latest = mine[mine.length - 1];
    if (!latest) return;
    this.recovered = mine.length;
    this.seq = latest.seq;
    this.pending = latest;
    this.content = latest.content;
    this.version = latest.baseVersion;
    this.publish({ state: 'saving', version: this.version, queued: this.queued });
    void this.flush();
  }

  /** The current snapshot (a new object after every change; for useSyncExternalStore). */
  getSnapshot = (): AutosaveSnapshot<C> => this.snapshot;

  /** Calls listener after every change; returns the way to stop. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Replaces the content (one edit): journalled before anything is sent, saved once edits
   * pause. Edits of one `group` (typing a text) within a second undo as one step.
   */
  edit(content: C, group?: string): void {
    if (this.disposed || (this.options.equals ?? jsonEquals)(content, this.content)) return;
    this.undoStack.record(this.content, group, Date.now());
    this.apply(content);
  }

  /** Goes back one edit (itself an edit that is saved); false when there is none. */
  undo(): boolean {
    const previous = this.undoStack.undo(this.content);
    if (previous === undefined) return false;
    this.apply(previous);
    return true;
  }

  /** Goes forward one undone edit; false when there is none. */
  redo(): boolean {
    const next = this.undoStack.redo(this.content);
    if (next === undefined) return false;
    this.apply(next);
    return true;
  }

  /** Saves now (submit, leaving the page); resolves when the save loop is idle. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.flush();
      }
    });
    return this.running;
  }

  /** Resolves once every edit so far is in the journal. */
  journalled(): Promise<void> {
    return this.journalTail;
  }

  /** Stops timers; unsaved edits stay in the journal for the next start. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private get queued(): number {
    return this.seq - this.confirmedSeq;
  }

  private apply(content: C): void {
    this.content = content;
    this.seq += 1;
    const entry: JournalEntry<C> = {
      key: this.options.key,
      session: this.session,
      seq: this.seq,
      content,
      baseVersion: this.version,
      idempotencyKey: crypto.randomUUID(),
      atMs: Date.now(),
    };
    this.pending = entry;
    this.journalTail = this.journalTail.then(async () => {
      const startMs = performance.now();
      recordJournalWrite(startMs, await this.options.journal.append(entry));
    });
    if (this.status.state === 'offline' || this.status.state === 'error') {
      this.publish({ ...this.status, queued: this.queued });
    } else if (this.status.state !== 'conflict') {
      this.publish({ state: 'saving', version: this.version, queued: this.queued });
    } else this.publish(this.status);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? 400);
  }

  private async loop(): Promise<void> {
    for (;;) {
      const entry = this.pending;
      if (this.disposed || !entry || entry.seq <= this.confirmedSeq) {
        if (!this.disposed) this.publish({ state: 'saved', version: this.version });
        return;
      }
      // Journalled first: nothing is sent that a reload could not replay.
      await this.journalTail;
      if (this.status.state !== 'offline') {
        this.publish({ state: 'saving', version: this.version, queued: this.queued });
      }
      let result: SaveResult<C>;
      try {
        result = await this.options.save({
          key: this.options.key,
          content: entry.content,
          baseVersion: this.version,
          idempotencyKey: entry.idempotencyKey,
        });
      } catch (error) {
        result = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
      if (this.disposed) return;
      if (result.kind === 'saved') {
        this.saved(entry.seq, result.version);
        continue;
      }
      if (result.kind === 'conflict') {
        await this.resolveConflict(result);
        continue;
      }
      if (result.kind === 'offline') {
        this.publish({
          state: 'offline',
          version: this.version,
          queued: this.queued,
          message: result.message,
        });
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.flush(), this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
        return;
      }
      this.publish({
        state: 'error',
        version: this.version,
        queued: this.queued,
        message: result.message,
      });
      return;
    }
  }

  private saved(throughSeq: number, version: number): void {
    this.version = version;
    this.confirmedSeq = throughSeq;
    this.retryDelayMs = this.options.retryMs ?? 1000;
    const { journal, key } = this.options;
    this.journalTail = this.journalTail.then(() =>
      journal.confirm(key, this.session, throughSeq, version),
    );
  }

  private async resolveConflict(theirs: { version: number; content: C }): Promise<void> {
    const equals = this.options.equals ?? jsonEquals;
    const mine = this.content;
    const baseVersion = this.version;
    // Mine and theirs the same (a save whose answer was lost): nothing to choose.
    const merged = equals(mine, theirs.content)
      ? theirs.content
      : await (async () => {
          this.publish({ state: 'conflict', version: baseVersion, theirsVersion: theirs.version });
          return this.options.merge({
            mine,
            theirs: theirs.content,
            theirsVersion: theirs.version,
            baseVersion,
          });
        })();
    if (equals(merged, theirs.content)) {
      this.content = theirs.content;
      this.saved(this.seq, theirs.version);
      return;
    }
    this.version = theirs.version;
    const { journal, key } = this.options;
    this.journalTail = this.journalTail.then(() =>
      journal.confirm(key, this.session, this.confirmedSeq, theirs.version),
    );
    this.undoStack.record(this.content, undefined, Date.now());
    this.apply(merged);
  }

  private makeSnapshot(): AutosaveSnapshot<C> {
    return {
      content: this.content,
      status: this.status,
      canUndo: this.undoStack.canUndo,
      canRedo: this.undoStack.canRedo,
      recovered: this.recovered,
    };
  }

  private publish(status: AutosaveStatus): void {
    this.status = status;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
