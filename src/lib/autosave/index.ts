/**
 * Autosave for any versioned entity: nothing typed is lost to a reload, a crash, a second tab
 * or going offline.
 *
 * - Every edit is the whole new content value. `edit()` journals it in IndexedDB (idb) before
 *   anything else, then a save starts once edits pause (`debounceMs`, 400 ms by default, so
 *   within 1 s of the last edit). Each save sends If-Match (the version it is based on) and an
 *   Idempotency-Key (one per journalled content, reused by retries).
 * - Status: Saved (version), Saving, Offline (n queued; retried with back-off and on the
 *   browser's `online` event), Conflict, Error (the server's sentence; retried on the next edit).
 * - A 412 hands mine and theirs to `merge`, which resolves with the content to save on top of
 *   theirs (the merge view); keep the editor read-only until it resolves.
 * - On start, edits left in the journal by a reload or a closed tab (sessions whose Web Lock is
 *   gone) are replayed on top of the server's state; a live tab's edits are left to it.
 * - `undo()` / `redo()` walk whole contents; edits tagged with one `group` within 1 s undo as
 *   one step (typing a text).
 *
 * Usage (React):
 * ```tsx
 * const { saver, snapshot } = useAutosave<MyContent>({
 *   key: `sample:${id}`,
 *   initial: query.data && { version: query.data.version, content: query.data.content },
 *   save: ({ content, baseVersion, idempotencyKey }) =>
 *     saveOverHttp(
 *       () => apiSend('PUT', url, { content }, Schema, { ifMatch: baseVersion, idempotencyKey }),
 *       (current) => readTheirs(current), // { version, content } from the 412's `current`
 *     ),
 *   merge: (conflict) => openMergeView(conflict), // resolves with the merged content
 * });
 * saver?.edit(next, 'diagnosis'); // snapshot.content, snapshot.status, snapshot.canUndo
 * ```
 * Outside React: `Autosaver.start(options, initial)` with `AutosaveJournal.open()`.
 */
export type {
  AutosaveOptions,
  AutosaveSnapshot,
  AutosaveStatus,
  Conflict,
  SaveRequest,
  SaveResult,
} from './autosaver';
export { Autosaver } from './autosaver';
export { saveOverHttp } from './http-transport';
export type { Journal, JournalEntry } from './journal';
export { AutosaveJournal, JOURNAL_DB_NAME } from './journal';
export { JOURNAL_WRITE_MEASURE } from './journal-timing';
export { WorkerJournal } from './worker-journal';
export { describeAutosaveStatus } from './status-words';
export { UndoStack } from './undo-stack';
export { browserJournal, useAutosave } from './use-autosave';
