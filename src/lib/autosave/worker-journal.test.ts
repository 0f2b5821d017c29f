import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from './journal';
import { handleJournalRequest, type JournalResponse } from './journal-requests';
import type { JournalPort } from './worker-journal';
import { WorkerJournal } from './worker-journal';

/** A port whose "worker" is the real request handler on this thread, answering a task later. */
function inProcessPort(): JournalPort & { terminated: boolean; fail(): void } {
  let respond: (response: JournalResponse) => void = () => {};
  let lose: () => void = () => {};
  const port = {
    terminated: false,
    postMessage(request: Parameters<JournalPort['postMessage']>[0]) {
      // Structured clone, as postMessage does: nothing shared by reference.
      const copy = structuredClone(request);
      handleJournalRequest(copy).then(
        (result) => setTimeout(() => respond({ id: copy.id, ok: true, result })),
        (error: unknown) =>
          setTimeout(() => respond({ id: copy.id, ok: false, error: String(error) })),
      );
    },
    listen(onResponse: typeof respond, onLost: typeof lose) {
      respond = onResponse;
      lose = onLost;
    },
    terminate() {
      port.terminated = true;
    },
    fail: () => lose(),
  };
  return port;
}

const entry = (seq: number): JournalEntry<{ text: string }> => ({
  key: 'label:1',
  session: 's1',
  seq,
  content: { text: `edit ${seq}` },
  baseVersion: 3,
  idempotencyKey: `k${seq}`,
  atMs: 1_700_000_000_000 + seq,
});

describe('WorkerJournal', () => {
  it('journals, lists, confirms and adopts through the worker protocol', async () => {
    const journal = await WorkerJournal.open(inProcessPort(), 'worker-journal-test-1');
    const ms = await journal.append(entry(1));
    expect(ms).toBeGreaterThanOrEqual(0);
    await journal.append(entry(2));
    await journal.append({ ...entry(1), session: 's0' });
    expect((await journal.entries('label:1')).map((e) => [e.session, e.seq])).toEqual([
      ['s0', 1],
      ['s1', 1],
      ['s1', 2],
    ]);
    await journal.confirm('label:1', 's1', 1, 4);
    const left = await journal.entries<{ text: string }>('label:1');
    expect(left.filter((e) => e.session === 's1')).toEqual([{ ...entry(2), baseVersion: 4 }]);
    expect(await journal.adopt('label:1', 's0', 's1', 3)).toBe(4);
    expect((await journal.entries('label:1')).map((e) => [e.session, e.seq])).toEqual([
      ['s1', 2],
      ['s1', 3],
    ]);
  });

  it("passes the worker's errors on, and fails what is in flight when the worker is lost", async () => {
    const port = inProcessPort();
    const journal = await WorkerJournal.open(port, 'worker-journal-test-2');
    // An entry IndexedDB cannot store (no key path values) is refused with the reason.
    await expect(journal.append({} as JournalEntry)).rejects.toThrow(/^journal: /);
    const inFlight = journal.entries('label:1');
    port.fail();
    await expect(inFlight).rejects.toThrow('the journal worker stopped');
    journal.close();
    expect(port.terminated).toBe(true);
  });
});
