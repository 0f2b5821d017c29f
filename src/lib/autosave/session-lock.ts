const LOCK_PREFIX = 'autosave-session:';

/**
 * Holds a Web Lock named for the session while it lives, so another tab can tell a live
 * session's journal edits (left alone) from a closed or crashed one's (taken over). Returns the
 * release; without Web Locks it does nothing.
 */
export function holdSessionLock(session: string): () => void {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return () => {};
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  void navigator.locks.request(`${LOCK_PREFIX}${session}`, () => held);
  return release;
}

/** True while a session's lock is held by some tab of this origin (false without Web Locks). */
export async function isSessionLockHeld(session: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return false;
  const state = await navigator.locks.query();
  return (state.held ?? []).some((lock) => lock.name === `${LOCK_PREFIX}${session}`);
}
