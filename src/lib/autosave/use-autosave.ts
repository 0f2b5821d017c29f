import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AutosaveOptions, AutosaveSnapshot } from './autosaver';
import { Autosaver } from './autosaver';
import type { Journal } from './journal';
import type { JournalResponse } from './journal-requests';
import { AutosaveJournal } from './journal';
import { WorkerJournal } from './worker-journal';
import { holdSessionLock, isSessionLockHeld } from './session-lock';

let sharedJournal: Promise<Journal> | undefined;

/**
 * The page's one journal, opened on first use: in a Web Worker (an edit's write commits there
 * without waiting for the page's next frame), or on the page where a worker cannot open it.
 */
export function browserJournal(): Promise<Journal> {
  sharedJournal ??= (async () => {
    if (typeof Worker === 'undefined') return AutosaveJournal.open();
    try {
      const worker = new Worker(new URL('./journal-worker.ts', import.meta.url), {
        type: 'module',
      });
      return await WorkerJournal.open({
        postMessage: (request) => worker.postMessage(request),
        listen(onResponse, onLost) {
          worker.onmessage = (event: MessageEvent<JournalResponse>) => onResponse(event.data);
          worker.onerror = onLost;
        },
        terminate: () => worker.terminate(),
      });
    } catch {
      return AutosaveJournal.open();
    }
  })();
  return sharedJournal;
}

/** What useAutosave needs: the options without the journal, and the server's state once read. */
export type UseAutosaveOptions<C> = Omit<AutosaveOptions<C>, 'journal'> & {
  /** The server's version and content; undefined while still loading. */
  readonly initial: { readonly version: number; readonly content: C } | undefined;
};

const EMPTY_SUBSCRIBE = () => () => {};
const NO_SNAPSHOT = () => undefined;

/**
 * One autosaver per entity key, started once the server's state is known: the saver (for
 * edit/undo/redo/flush) and its snapshot (content, status, undo/redo). Saves again when the
 * browser is back online and before the page is hidden.
 */
export function useAutosave<C>(options: UseAutosaveOptions<C>): {
  saver: Autosaver<C> | undefined;
  snapshot: AutosaveSnapshot<C> | undefined;
} {
  const [saver, setSaver] = useState<Autosaver<C>>();
  const ready = options.initial !== undefined;
  const { key } = options;
  // The latest callbacks, read when called (the saver outlives renders).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const initial = latest.current.initial;
    if (!initial) return;
    let cancelled = false;
    let release = () => {};
    let started: Autosaver<C> | undefined;
    void browserJournal()
      .then((journal) =>
        Autosaver.start<C>(
          {
            ...latest.current,
            key,
            journal,
            save: (request) => latest.current.save(request),
            merge: (conflict) => latest.current.merge(conflict),
            isSessionAlive: isSessionLockHeld,
            onSession: (session) => {
              release = holdSessionLock(session);
            },
          },
          initial,
        ),
      )
      .then((created) => {
        started = created;
        if (cancelled) created.dispose();
        else setSaver(created);
      });
    return () => {
      cancelled = true;
      // Leaving the page: what is pending is sent now; the journal keeps it if that fails.
      const leaving = started;
      void leaving?.flush().finally(() => leaving.dispose());
      release();
      setSaver(undefined);
    };
  }, [key, ready, latest]);

  useEffect(() => {
    if (!saver) return;
    const flush = () => void saver.flush();
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [saver]);

  const snapshot = useSyncExternalStore(
    saver ? saver.subscribe : EMPTY_SUBSCRIBE,
    saver ? saver.getSnapshot : NO_SNAPSHOT,
  );
  return { saver, snapshot };
}
