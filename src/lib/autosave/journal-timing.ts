/** The User Timing name of one journal write (an edit's IndexedDB put), for benches and DevTools. */
export const JOURNAL_WRITE_MEASURE = 'autosave-journal-write';

/** At most this many write measures are kept (a day of labelling must not grow the timeline). */
const KEPT = 1000;

/** Records a journal write that started at `startMs` (performance.now()) and ended now. */
export function recordJournalWrite(startMs: number): void {
  if (performance.getEntriesByName(JOURNAL_WRITE_MEASURE).length >= KEPT) {
    performance.clearMeasures(JOURNAL_WRITE_MEASURE);
  }
  performance.measure(JOURNAL_WRITE_MEASURE, { start: startMs, end: performance.now() });
}
