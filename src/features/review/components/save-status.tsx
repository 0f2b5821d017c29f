/** The status line's save state in words: saving, saved (with the version), or not saved and why. */
import { useMutationState } from '@tanstack/react-query';
import type { Verdict } from '../../../schemas/api/review';
import type { QueueItem } from '../../../schemas/api/review-queue';
import { SAVE_VERDICT_KEY, type SaveVerdictVariables } from '../api/verdicts';
import { saveErrorText } from '../error-text';

interface SaveState {
  readonly status: 'idle' | 'pending' | 'success' | 'error';
  readonly variables: SaveVerdictVariables | undefined;
  readonly data: Verdict | undefined;
  readonly error: unknown;
}

/** The verdict saves of this session, oldest first. */
function useVerdictSaves(): SaveState[] {
  return useMutationState({
    filters: { mutationKey: SAVE_VERDICT_KEY },
    select: (mutation) => ({
      status: mutation.state.status,
      variables: mutation.state.variables as SaveVerdictVariables | undefined,
      data: mutation.state.data as Verdict | undefined,
      error: mutation.state.error,
    }),
  });
}

/** "Saved: ptbxl:12 passed (version 1)", "Saving 2 verdicts…", "Not saved: ...". */
export function SaveStatus({ items }: { items: readonly QueueItem[] }) {
  const saves = useVerdictSaves();
  const refOf = (sampleId: string | undefined) =>
    items.find((i) => i.sampleId === sampleId)?.ref ?? sampleId ?? '';
  const pending = saves.filter((s) => s.status === 'pending');
  const last = saves.at(-1);
  let text = 'No verdict saved yet in this session';
  let state = 'idle';
  if (pending.length > 0) {
    state = 'saving';
    text =
      pending.length === 1
        ? `Saving the verdict on ${refOf(pending[0]!.variables?.sampleId)}…`
        : `Saving ${pending.length} verdicts…`;
  } else if (last?.status === 'error') {
    state = 'error';
    text = saveErrorText(last.error, refOf(last.variables?.sampleId));
  } else if (last?.status === 'success' && last.data) {
    state = 'saved';
    const word = last.data.verdict === 'pass' ? 'passed' : 'flagged';
    text = `Saved: ${refOf(last.data.sampleId)} ${word} (version ${last.data.version})`;
  }
  return (
    <span data-testid="save-status" data-state={state} className="font-medium text-slate-900">
      {text}
    </span>
  );
}
