/** Errors of the review pages in the user's words. */
import { ApiRequestError } from '../../lib/api-client';

/** An error in words, with the server's issues (field: problem) where it listed them. */
export function errorText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    const issues = error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return issues ? `${error.message} ${issues}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Words for a failed verdict save: what happened and what to do. */
export function saveErrorText(error: unknown, ref: string): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 412)
      return `Conflict: your verdict on ${ref} was changed elsewhere (another tab). It is shown as saved now; judge it again.`;
    if (error.status === 0)
      return `Not saved: the server could not be reached. Your verdict on ${ref} is kept on screen; press the key again to retry.`;
    return `Not saved (${ref}): ${errorText(error)}`;
  }
  return `Not saved (${ref}): ${errorText(error)}`;
}
