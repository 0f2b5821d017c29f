/**
 * What the review screen's keys and buttons do: pass (and open the next sample at once), flag
 * with reasons, comment, judge steps, move through the queue. Saves go through useSaveVerdict;
 * the screen moves on without waiting for them (the status line follows each save).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import type { PutVerdictInput, ReviewPass } from '../../schemas/api/review';
import { flagReasonByNumber } from '../../schemas/api/review';
import type { QueueItem } from '../../schemas/api/review-queue';
import { reviewKeys } from './api/review-keys';
import { saveErrorText } from './error-text';
import { useSaveVerdict } from './api/verdicts';
import type { ReviewKeyContext } from './review-keymap';
import type { ReviewDraftStore } from './review-draft-store';
import {
  cancelEditor,
  commitStepFlag,
  editorProblem,
  flagRequest,
  openFlagEditor,
  passRequest,
  passStep,
  savedDraft,
  toggleReason,
  type VerdictDraft,
} from './verdict-draft';

/** What the actions need to know about the open sample and its place. */
export interface ReviewActionDeps {
  readonly passId: string;
  readonly sampleId: string;
  readonly pass: ReviewPass | undefined;
  /** The open sample's queue row ("ptbxl:12", its verdict version), if it is in the queue. */
  readonly item: QueueItem | undefined;
  /** The reviewer's saved verdict version (0: none yet). */
  readonly savedVersion: number;
  /** True once the sample has loaded (nothing is judged before it is seen). */
  readonly ready: boolean;
  readonly store: ReviewDraftStore;
  /** The comment box to focus on C (the flag editor's, else the sample's). */
  readonly commentRef: RefObject<HTMLTextAreaElement | null>;
  /** The sample a verdict moves on to (null: none left without a verdict). */
  readonly nextToReview: QueueItem | null;
  readonly next: QueueItem | null;
  readonly previous: QueueItem | null;
  open(sampleId: string): void;
  backToQueue(): void;
}

/** The review actions: the keys' and the buttons'. */
export interface ReviewActions extends ReviewKeyContext {
  /** Esc: closes the flag editor (true), else nothing to back out of (false). */
  backOut(): boolean;
}

/** The screen's actions over the latest deps (keys call them long after a render). */
export function useReviewActions(deps: ReviewActionDeps): ReviewActions {
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });
  const { mutate: saveVerdict } = useSaveVerdict();
  const queryClient = useQueryClient();

  return useMemo(() => {
    const d = () => latest.current;
    const notice = (text: string | null) => d().store.getState().setNotice(text);
    const apply = (change: (draft: VerdictDraft) => VerdictDraft) =>
      d().store.getState().apply(change);

    /** Why no verdict can be given now, or null. */
    const blocked = (): string | null => {
      const { pass, ready } = d();
      if (!ready) return 'The sample is still loading.';
      if (pass?.status === 'closed')
        return 'This pass is closed: its verdicts can no longer change.';
      return null;
    };

    const moveOn = (ref: string, what: string) => {
      const { nextToReview } = d();
      if (nextToReview) {
        d().open(nextToReview.sampleId);
        return;
      }
      notice(
        `${what} ${ref}. No sample without a verdict is left in this queue: Q goes back to it.`,
      );
    };

    const submit = (input: PutVerdictInput, what: string) => {
      const { passId, sampleId, item, savedVersion, store } = d();
      const ref = item?.ref ?? sampleId;
      saveVerdict(
        { passId, sampleId, version: savedVersion, verdict: input },
        {
          onSuccess: (verdict) => {
            const state = store.getState();
            if (state.draft.sampleId === sampleId)
              state.apply((draft) => savedDraft(draft, verdict));
          },
          onError: (error) => {
            if (error instanceof ApiRequestError && error.status === 412)
              void queryClient.invalidateQueries({
                queryKey: reviewKeys.verdict(passId, sampleId),
              });
            notice(saveErrorText(error, ref));
          },
        },
      );
      moveOn(ref, what);
    };

    const confirm = (): boolean => {
      const draft = d().store.getState().draft;
      if (!draft.editor) return false;
      if (draft.editor.target !== 'sample') {
        const problem = editorProblem(draft);
        if (problem) notice(problem);
        else {
          const step = draft.editor.target + 1;
          apply(commitStepFlag);
          notice(
            `Step ${step} flagged; F then Enter (or A once no step is flagged) saves the sample.`,
          );
        }
        return true;
      }
      const why = blocked();
      if (why) {
        notice(why);
        return true;
      }
      const request = flagRequest(draft);
      if (!request.ok) notice(request.problem);
      else submit(request.input, 'Flagged');
      return true;
    };

    return {
      pass: () => {
        const why = blocked();
        if (why) return notice(why);
        const request = passRequest(d().store.getState().draft);
        if (!request.ok) return notice(request.problem);
        submit(request.input, 'Passed');
      },
      flag: () => {
        const why = blocked();
        if (why) return notice(why);
        const editor = d().store.getState().draft.editor;
        if (editor?.target === 'sample') {
          confirm();
          return;
        }
        apply((draft) => openFlagEditor(draft, 'sample'));
        notice('Flagging the sample: pick reasons 1–7, C to comment, Enter (or F) to save.');
      },
      toggleReason: (n) => {
        const reason = flagReasonByNumber(n);
        if (!reason || !d().store.getState().draft.editor) return false;
        apply((draft) => toggleReason(draft, reason));
        return true;
      },
      comment: () => {
        d().commentRef.current?.focus();
      },
      passStep: (stepIdx) => {
        const why = blocked();
        if (why) return notice(why);
        apply((draft) => passStep(draft, stepIdx));
        notice(
          `Step ${stepIdx + 1} passed (saved with the sample's verdict: A passes the sample).`,
        );
      },
      flagStep: (stepIdx) => {
        const why = blocked();
        if (why) return notice(why);
        apply((draft) => openFlagEditor(draft, stepIdx));
        notice(`Flagging step ${stepIdx + 1}: pick reasons 1–7, Enter keeps the step's flag.`);
      },
      confirm,
      next: () => {
        const { next } = d();
        if (next) d().open(next.sampleId);
        else notice('This is the last sample of the queue.');
      },
      previous: () => {
        const { previous } = d();
        if (previous) d().open(previous.sampleId);
        else notice('This is the first sample of the queue.');
      },
      backToQueue: () => d().backToQueue(),
      backOut: () => {
        if (!d().store.getState().draft.editor) return false;
        apply(cancelEditor);
        notice('Flag cancelled.');
        return true;
      },
    };
  }, [saveVerdict, queryClient]);
}
