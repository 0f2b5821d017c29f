/**
 * The autosave journal's worker protocol and the worker's side of it. Chromium holds back the
 * answers of work a page starts in a key handler (an IndexedDB commit included) until the frame
 * after the key is painted, so on the page an edit's write took a frame (16 ms) to commit; in a
 * worker it commits in about a millisecond. Requests in, responses out, matched by id.
 */
import { AutosaveJournal, type JournalEntry } from './journal';

/** What the page asks of the journal. */
export type JournalOp =
  | { readonly op: 'open'; readonly name: string }
  /** `sentAt`: the page's performance.timeOrigin + now() when it asked (the clocks differ). */
  | { readonly op: 'append'; readonly entry: JournalEntry; readonly sentAt: number }
  | { readonly op: 'entries'; readonly key: string }
  | {
      readonly op: 'confirm';
      readonly key: string;
      readonly session: string;
      readonly throughSeq: number;
      readonly version: number;
    }
  | {
      readonly op: 'adopt';
      readonly key: string;
      readonly from: string;
      readonly to: string;
      readonly firstSeq: number;
    };

/** A request as sent: the operation and its id. */
export type JournalRequest = JournalOp & { readonly id: number };

/** The journal's answer: the operation's result, or the error's message. */
export type JournalResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

const now = () => performance.timeOrigin + performance.now();

let journal: Promise<AutosaveJournal> | undefined;

/** Runs one request on this thread's journal (the worker's). */
export async function handleJournalRequest(request: JournalOp): Promise<unknown> {
  if (request.op === 'open') {
    journal ??= AutosaveJournal.open(request.name);
    await journal;
    return null;
  }
  if (!journal) throw new Error('the journal worker was not opened');
  const open = await journal;
  switch (request.op) {
    case 'append':
      await open.append(request.entry);
      // From the page's call to the commit here: what the edit waited to be safe.
      return now() - request.sentAt;
    case 'entries':
      return open.entries(request.key);
    case 'confirm':
      return open.confirm(request.key, request.session, request.throughSeq, request.version);
    case 'adopt':
      return open.adopt(request.key, request.from, request.to, request.firstSeq);
  }
}
