import { ApiRequestError } from '../api-client';
import type { SaveResult } from './autosaver';

/**
 * Runs one HTTP save and maps its answer to a SaveResult: the saved version; a 412's `current`
 * (read by `readCurrent` into version and content) as a conflict; no answer (or a gateway's 502/504)
 * as offline;
 * any other refusal as an error with the server's sentence.
 */
export async function saveOverHttp<C>(
  send: () => Promise<{ readonly version: number }>,
  readCurrent: (current: unknown) => { readonly version: number; readonly content: C } | undefined,
): Promise<SaveResult<C>> {
  try {
    return { kind: 'saved', version: (await send()).version };
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    // No answer, or a gateway's answer for a server that is down: keep and retry.
    if (error.status === 0 || error.status === 502 || error.status === 504)
      return { kind: 'offline', message: error.message };
    if (error.status === 412) {
      const body = error.body as { current?: unknown } | undefined;
      const theirs = readCurrent(body?.current);
      if (theirs) return { kind: 'conflict', ...theirs };
    }
    return { kind: 'error', message: error.message };
  }
}
