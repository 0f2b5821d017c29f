/** The User Timing name of one journal write (an edit's IndexedDB put), for benches and DevTools. */
export const JOURNAL_WRITE_MEASURE = 'autosave-journal-write';

/** At most this many write measures are kept (a day of labelling must not grow the timeline). */
const KEPT = 1000;

/**
 * Records a journal write that started at `startMs` (performance.now()) and took `durationMs` to
 * commit, as timed where it ran (the journal's worker).
 */
export function recordJournalWrite(startMs: number, durationMs: number): void {
  if (performance.getEntriesByName(JOURNAL_WRITE_MEASURE).length >= KEPT) {
    performance.clearMeasures(JOURNAL_WRITE_MEASURE);
  }
  performance.measure(JOURNAL_WRITE_MEASURE, {
    start: startMs,
    duration: Math.max(0, durationMs),
  });
}
