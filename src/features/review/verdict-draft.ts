/**
 * A reviewer's verdict on the open sample while it is being made: step verdicts given so far, the
 * sample's reasons and comment, and the flag editor (for the sample or one step). Pure: the
 * screen's store holds one, the keys and buttons change it, a save sends `toVerdictInput`.
 */
import type { FlagReason, PutVerdictInput, Verdict, VerdictValue } from '../../schemas/api/review';
import { FLAG_REASONS } from '../../schemas/api/review';

/** A verdict on one step. */
export interface StepDraft {
  readonly verdict: VerdictValue;
  readonly reasons: readonly FlagReason[];
  readonly comment: string;
}

/** What the flag editor is flagging: the sample, or step n (from 0). */
export type FlagTarget = 'sample' | number;

/** The open flag editor: its target and the reasons and comment picked so far. */
export interface FlagEditor {
  readonly target: FlagTarget;
  readonly reasons: readonly FlagReason[];
  readonly comment: string;
}

/** The verdict being made on one sample. */
export interface VerdictDraft {
  readonly sampleId: string;
  /** The sample's comment (a pass may carry one too). */
  readonly comment: string;
  /** The sample's flag reasons as last saved or edited. */
  readonly reasons: readonly FlagReason[];
  /** Step verdicts by step index. */
  readonly steps: Readonly<Record<number, StepDraft>>;
  readonly editor: FlagEditor | null;
  /** True when the draft differs from the verdict last saved (or there is none saved yet). */
  readonly unsaved: boolean;
}

/** A fresh draft, or one that starts from the reviewer's saved verdict. */
export function draftFrom(sampleId: string, saved: Verdict | null): VerdictDraft {
  const steps: Record<number, StepDraft> = {};
  for (const step of saved?.steps ?? [])
    steps[step.stepIdx] = { verdict: step.verdict, reasons: step.reasons, comment: step.comment };
  return {
    sampleId,
    comment: saved?.comment ?? '',
    reasons: saved?.reasons ?? [],
    steps,
    editor: null,
    unsaved: false,
  };
}

/** Reasons in key order (1-7), each once. */
function ordered(reasons: readonly FlagReason[]): FlagReason[] {
  return FLAG_REASONS.filter((reason) => reasons.includes(reason));
}

/** The steps flagged in the draft, in step order. */
export function flaggedSteps(draft: VerdictDraft): number[] {
  return Object.entries(draft.steps)
    .filter(([, step]) => step.verdict === 'flag')
    .map(([index]) => Number(index))
    .sort((a, b) => a - b);
}

/**
 * Opens the flag editor on the sample (its reasons, with those of every flagged step added) or on
 * a step (its own reasons).
 */
export function openFlagEditor(draft: VerdictDraft, target: FlagTarget): VerdictDraft {
  if (target === 'sample') {
    const fromSteps = flaggedSteps(draft).flatMap((i) => draft.steps[i]?.reasons ?? []);
    return {
      ...draft,
      editor: {
        target,
        reasons: ordered([...draft.reasons, ...fromSteps]),
        comment: draft.comment,
      },
    };
  }
  const step = draft.steps[target];
  return {
    ...draft,
    editor: {
      target,
      reasons: step?.verdict === 'flag' ? step.reasons : [],
      comment: step?.comment ?? '',
    },
  };
}

/** Adds or removes a reason in the open editor (no editor: unchanged). */
export function toggleReason(draft: VerdictDraft, reason: FlagReason): VerdictDraft {
  const editor = draft.editor;
  if (!editor) return draft;
  const reasons = editor.reasons.includes(reason)
    ? editor.reasons.filter((r) => r !== reason)
    : ordered([...editor.reasons, reason]);
  return { ...draft, editor: { ...editor, reasons } };
}

/** Writes the comment of the editor's target (with no editor: the sample's). */
export function setComment(draft: VerdictDraft, comment: string): VerdictDraft {
  if (draft.editor) return { ...draft, editor: { ...draft.editor, comment } };
  return { ...draft, comment, unsaved: true };
}

/** Closes the editor without keeping what it picked. */
export function cancelEditor(draft: VerdictDraft): VerdictDraft {
  return { ...draft, editor: null };
}

/** Gives a step a pass (kept in the draft until the sample's verdict is saved). */
export function passStep(draft: VerdictDraft, stepIdx: number): VerdictDraft {
  const comment = draft.steps[stepIdx]?.comment ?? '';
  return {
    ...draft,
    steps: { ...draft.steps, [stepIdx]: { verdict: 'pass', reasons: [], comment } },
    editor: draft.editor?.target === stepIdx ? null : draft.editor,
    unsaved: true,
  };
}

/** Why the open step flag editor cannot be kept yet, or null when it can. */
export function editorProblem(draft: VerdictDraft): string | null {
  const editor = draft.editor;
  if (!editor) return 'No flag is being made: press F to flag the sample, S then F a step.';
  if (editor.reasons.length === 0)
    return 'Pick at least one reason (1–7) before saving the flag, or press Esc to cancel.';
  return null;
}

/** Keeps a step's flag from the editor in the draft (the editor must be on a step with a reason). */
export function commitStepFlag(draft: VerdictDraft): VerdictDraft {
  const editor = draft.editor;
  if (!editor || editor.target === 'sample' || editor.reasons.length === 0) return draft;
  return {
    ...draft,
    steps: {
      ...draft.steps,
      [editor.target]: { verdict: 'flag', reasons: editor.reasons, comment: editor.comment },
    },
    editor: null,
    unsaved: true,
  };
}

/** The step verdicts as the API takes them, in step order. */
function stepInputs(draft: VerdictDraft) {
  return Object.entries(draft.steps)
    .map(([index, step]) => ({
      stepIdx: Number(index),
      verdict: step.verdict,
      reasons: [...step.reasons],
      comment: step.comment,
    }))
    .sort((a, b) => a.stepIdx - b.stepIdx);
}

/** What saving as `verdict` would send, or why it cannot be saved. */
export type VerdictRequest =
  | { readonly ok: true; readonly input: PutVerdictInput }
  | { readonly ok: false; readonly problem: string };

/**
 * The request that passes the sample: refused while a step is flagged (the sample's verdict would
 * contradict it) or while a flag is being made.
 */
export function passRequest(draft: VerdictDraft): VerdictRequest {
  if (draft.editor)
    return {
      ok: false,
      problem: 'A flag is being made: Enter saves it, Esc cancels it; then A passes.',
    };
  const flagged = flaggedSteps(draft);
  if (flagged.length > 0) {
    const names = flagged.map((i) => i + 1).join(', ');
    return {
      ok: false,
      problem: `Step ${names} is flagged: flag the sample (F, then Enter), or pass the step (S then A).`,
    };
  }
  const steps = stepInputs(draft);
  const input: PutVerdictInput =
    steps.length === 0 && draft.comment === ''
      ? { verdict: 'pass' }
      : { verdict: 'pass', comment: draft.comment, steps };
  return { ok: true, input };
}

/** The request that flags the sample with the editor's reasons and comment. */
export function flagRequest(draft: VerdictDraft): VerdictRequest {
  const editor = draft.editor;
  if (!editor || editor.target !== 'sample')
    return { ok: false, problem: 'Press F to flag the sample first.' };
  if (editor.reasons.length === 0)
    return {
      ok: false,
      problem: 'Pick at least one reason (1–7) before saving the flag, or press Esc to cancel.',
    };
  return {
    ok: true,
    input: {
      verdict: 'flag',
      reasons: [...editor.reasons],
      comment: editor.comment,
      steps: stepInputs(draft),
    },
  };
}

/** The draft once `verdict` is saved: reasons and comment as sent, nothing left unsaved. */
export function savedDraft(draft: VerdictDraft, saved: Verdict): VerdictDraft {
  return { ...draftFrom(draft.sampleId, saved), editor: null };
}
