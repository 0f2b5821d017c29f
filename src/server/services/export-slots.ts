import type { Db, DbKind } from '../storage/database';
import type { ReadSnapshot } from '../storage/read-snapshot';
import { openReadSnapshot } from '../storage/read-snapshot';
import { ServiceError } from './service-error';

/** Exports streaming at once: each holds a database connection until its client has it all. */
export const MAX_CONCURRENT_EXPORTS = 3;

let exportsRunning = 0;

/**
 * Takes one of MAX_CONCURRENT_EXPORTS slots (503 when none is free) and opens a read snapshot;
 * release() closes the snapshot and frees the slot (idempotent).
 */
export async function startExport(
  db: Db,
  kind: DbKind,
): Promise<{ snapshot: Db; release(): Promise<void> }> {
  if (exportsRunning >= MAX_CONCURRENT_EXPORTS) {
    throw new ServiceError('unavailable', 'Other exports are running; try again shortly.', {
      code: 'busy',
      retryAfterSeconds: 5,
    });
  }
  exportsRunning += 1;
  let snapshot: ReadSnapshot;
  try {
    snapshot = await openReadSnapshot(db, kind);
  } catch (error) {
    exportsRunning -= 1;
    throw error;
  }
  let released = false;
  return {
    snapshot: snapshot.db,
    async release() {
      if (released) return;
      released = true;
      exportsRunning -= 1;
      await snapshot.close();
    },
  };
}
