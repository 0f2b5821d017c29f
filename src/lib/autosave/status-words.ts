import type { AutosaveStatus } from './autosaver';

/** The status line's words for a save state (never a colour alone). */
export function describeAutosaveStatus(status: AutosaveStatus | undefined): string {
  if (!status) return 'Loading…';
  switch (status.state) {
    case 'saved':
      return status.version === 0 ? 'Not saved yet: no edits' : `Saved (version ${status.version})`;
    case 'saving':
      return `Saving… (${status.queued} unsaved edit${status.queued === 1 ? '' : 's'})`;
    case 'offline':
      return `Offline (${status.queued} queued): kept in this browser, saved when the server is back`;
    case 'conflict':
      return `Conflict: version ${status.theirsVersion} was saved elsewhere; merge to go on`;
    case 'error':
      return `Error: ${status.message} (${status.queued} kept in this browser)`;
  }
}
