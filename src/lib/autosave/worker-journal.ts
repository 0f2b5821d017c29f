/**
 * The page's side of the journal worker (journal-worker.ts): the Journal interface over
 * messages. The browser's autosavers use it; tests and pages without workers use
 * AutosaveJournal directly.
 */
import type { Journal, JournalEntry } from './journal';
import { JOURNAL_DB_NAME } from './journal';
import type { JournalOp, JournalRequest, JournalResponse } from './journal-requests';

/** What this class needs of a Worker (a fake one in tests). */
export interface JournalPort {
  postMessage(message: JournalRequest): void;
  /** Calls onResponse with each response, onLost if the worker fails. */
  listen(onResponse: (response: JournalResponse) => void, onLost: () => void): void;
  terminate(): void;
}

/** The journal, run in a worker. */
export class WorkerJournal implements Journal {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >();

  private constructor(private readonly port: JournalPort) {
    port.listen(
      (data) => {
        const pending = this.waiting.get(data.id);
        if (!pending) return;
        this.waiting.delete(data.id);
        if (data.ok) pending.resolve(data.result);
        else pending.reject(new Error(`journal: ${data.error}`));
      },
      () => {
        const lost = new Error('journal: the journal worker stopped');
        for (const pending of this.waiting.values()) pending.reject(lost);
        this.waiting.clear();
      },
    );
  }

  /** Opens the journal database in the worker; rejects (closing the worker) if it cannot. */
  static async open(port: JournalPort, name: string = JOURNAL_DB_NAME): Promise<WorkerJournal> {
    const journal = new WorkerJournal(port);
    try {
      await journal.ask({ op: 'open', name });
      return journal;
    } catch (error) {
      port.terminate();
      throw error;
    }
  }

  private ask(request: JournalOp): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ ...request, id });
    });
  }

  async append<C>(entry: JournalEntry<C>): Promise<number> {
    const sentAt = performance.timeOrigin + performance.now();
    return (await this.ask({ op: 'append', entry, sentAt })) as number;
  }

  async entries<C>(key: string): Promise<JournalEntry<C>[]> {
    return (await this.ask({ op: 'entries', key })) as JournalEntry<C>[];
  }

  async confirm(key: string, session: string, throughSeq: number, version: number): Promise<void> {
    await this.ask({ op: 'confirm', key, session, throughSeq, version });
  }

  async adopt(key: string, from: string, to: string, firstSeq: number): Promise<number> {
    return (await this.ask({ op: 'adopt', key, from, to, firstSeq })) as number;
  }

  close(): void {
    this.port.terminate();
  }
}
