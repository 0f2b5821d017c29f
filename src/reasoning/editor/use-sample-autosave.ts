/**
 * Saves the chain editor's draft by itself, the one place a sample edit is sent: AUTOSAVE_DELAY_MS
 * after the last edit, as a PUT with If-Match (the version the draft was edited from) and an
 * Idempotency-Key (the same for a retry of the same content, so it applies once). A draft the
 * write gate would refuse stays here, saying so; a 412 opens the merge view; an unreachable server
 * is retried with growing pauses; leaving the page with unsaved edits asks first.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { draftProblems } from '../../domain/benchmark/edit';
import { ApiRequestError } from '../../lib/api-client';
import type { SampleResponse } from '../../schemas/api/samples';
import { sampleQueryOptions } from '../api/get-sample';
import { conflictCurrent, putSample } from './api/sample-writes';
import { isDirty, type ChainEditorStore } from './chain-editor-store';

/** How long after the last edit the draft is saved. */
export const AUTOSAVE_DELAY_MS = 1000;
/** Pauses between retries while the server cannot be reached: from the first to the longest. */
const RETRY_FIRST_MS = 2000;
const RETRY_LONGEST_MS = 30_000;

/** Autosaves the draft of `store` (a sample's editor) while `enabled` (the user may write). */
export function useSampleAutosave(store: ChainEditorStore, sampleId: string, enabled: boolean) {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let retryMs = 0;
    // One key per (content, base version): a retry of the same save replays, a new edit is new.
    let attempt: { readonly what: string; readonly key: string } | null = null;
    let disposed = false;

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), ms);
    };

    const run = async () => {
      const s = store.getState();
      if (disposed || inFlight || s.save.kind === 'conflict') return;
      if (!isDirty(s)) return s.setSave({ kind: 'saved' });
      const errors = draftProblems(s.history.present).filter((p) => p.severity === 'error');
      if (errors.length > 0) return s.setSave({ kind: 'invalid', errors: errors.length });
      const sent = s.history.present;
      const baseVersion = s.server.version;
      const what = `${baseVersion}:${JSON.stringify(sent)}`;
      if (attempt?.what !== what) attempt = { what, key: crypto.randomUUID() };
      inFlight = true;
      s.setSave({ kind: 'saving' });
      try {
        const saved = await putSample(sampleId, sent, baseVersion, attempt.key);
        attempt = null;
        retryMs = 0;
        const { warnings: _warnings, ...response } = saved;
        queryClient.setQueryData<SampleResponse>(sampleQueryOptions(sampleId).queryKey, response);
        store.getState().saved(response, sent);
        if (isDirty(store.getState())) schedule(AUTOSAVE_DELAY_MS);
        else store.getState().setSave({ kind: 'saved' });
      } catch (error) {
        const theirs = conflictCurrent(error);
        if (theirs) {
          store.getState().setSave({ kind: 'conflict', theirs });
        } else if (error instanceof ApiRequestError && error.status === 0) {
          retryMs = Math.min(RETRY_LONGEST_MS, Math.max(RETRY_FIRST_MS, retryMs * 2));
          store.getState().setSave({ kind: 'offline', message: error.message });
          schedule(retryMs);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          store.getState().setSave({ kind: 'error', message });
        }
      } finally {
        inFlight = false;
      }
    };

    const unsubscribe = store.subscribe((state, prev) => {
      if (state.history.present === prev.history.present && state.server === prev.server) return;
      if (state.save.kind === 'conflict') return;
      if (!isDirty(state)) {
        clearTimeout(timer);
        if (!inFlight) state.setSave({ kind: 'saved' });
        return;
      }
      if (!inFlight && state.save.kind !== 'offline') state.setSave({ kind: 'pending' });
      schedule(
        state.save.kind === 'offline' ? Math.max(retryMs, RETRY_FIRST_MS) : AUTOSAVE_DELAY_MS,
      );
    });

    // Leaving with unsaved edits asks first.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(store.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      disposed = true;
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [store, sampleId, enabled, queryClient]);
}
