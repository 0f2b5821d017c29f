/** Progress of a pass in words: done of total, pace per sample, time left at that pace. */

/** A duration as a reviewer reads it: "under a minute", "12 min", "2 h 5 min". */
export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "about 12 min left at the current pace (25 s per sample)", or what is still unknown. */
export function paceText(
  done: number,
  total: number,
  msPerItem: number | null,
  timeLeftMs: number | null,
): string {
  if (total > 0 && done >= total) return 'all done';
  if (timeLeftMs === null) return 'time left: known after a few verdicts';
  const pace = msPerItem === null ? '' : ` (${Math.round(msPerItem / 1000)} s per sample)`;
  return `about ${durationText(timeLeftMs)} left at the current pace${pace}`;
}

/** "12 of 50 done (24%)". */
export function doneText(done: number, total: number): string {
  const share = total === 0 ? 0 : Math.round((done / total) * 100);
  return `${done} of ${total} done (${share}%)`;
}

/** A <progress> bar's classes: blue done part on a light track (the native grey reads as full). */
export const PROGRESS_BAR_CLASS =
  'appearance-none overflow-hidden rounded bg-slate-200 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-[#0072B2] [&::-moz-progress-bar]:bg-[#0072B2]';
