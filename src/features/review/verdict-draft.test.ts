import { describe, expect, it } from 'vitest';
import { PutVerdictRequestSchema, type Verdict } from '../../schemas/api/review';
import {
  cancelEditor,
  commitStepFlag,
  draftFrom,
  flagRequest,
  openFlagEditor,
  passRequest,
  passStep,
  savedDraft,
  setComment,
  toggleReason,
} from './verdict-draft';

const fresh = () => draftFrom('s1', null);

describe('the verdict draft', () => {
  it('passes a clean sample in one call with nothing else in it', () => {
    const request = passRequest(fresh());
    expect(request).toEqual({ ok: true, input: { verdict: 'pass' } });
    // What the screen sends is what the server takes.
    expect(PutVerdictRequestSchema.parse(request.ok && request.input).verdict).toBe('pass');
  });

  it('flags with the reasons picked by number, in key order, and a comment', () => {
    let draft = openFlagEditor(fresh(), 'sample');
    draft = toggleReason(draft, 'wording');
    draft = toggleReason(draft, 'wrong_answer');
    draft = toggleReason(draft, 'signal_quality');
    draft = toggleReason(draft, 'signal_quality');
    draft = setComment(draft, 'the PR answer is two bins off');
    const request = flagRequest(draft);
    expect(request).toEqual({
      ok: true,
      input: {
        verdict: 'flag',
        reasons: ['wrong_answer', 'wording'],
        comment: 'the PR answer is two bins off',
        steps: [],
      },
    });
    expect(PutVerdictRequestSchema.safeParse(request.ok && request.input).success).toBe(true);
  });

  it('refuses a flag without a reason and a pass while a flag is being made', () => {
    const editing = openFlagEditor(fresh(), 'sample');
    expect(flagRequest(editing)).toMatchObject({ ok: false, problem: /at least one reason/ });
    expect(passRequest(editing)).toMatchObject({ ok: false, problem: /Esc cancels/ });
    expect(flagRequest(fresh())).toMatchObject({ ok: false });
    // Esc leaves the draft as it was.
    expect(cancelEditor(toggleReason(editing, 'other')).editor).toBeNull();
  });

  it('keeps step verdicts and sends them with the sample; a flagged step blocks a pass', () => {
    let draft = passStep(fresh(), 0);
    draft = openFlagEditor(draft, 2);
    draft = toggleReason(draft, 'grounding_window_misses_beat');
    draft = setComment(draft, 'window on the wrong beat');
    draft = commitStepFlag(draft);
    expect(draft.unsaved).toBe(true);
    expect(passRequest(draft)).toMatchObject({ ok: false, problem: /Step 3 is flagged/ });
    // Flagging the sample starts from the flagged step's reasons.
    draft = openFlagEditor(draft, 'sample');
    expect(draft.editor?.reasons).toEqual(['grounding_window_misses_beat']);
    const request = flagRequest(draft);
    expect(request.ok && request.input.steps).toEqual([
      { stepIdx: 0, verdict: 'pass', reasons: [], comment: '' },
      {
        stepIdx: 2,
        verdict: 'flag',
        reasons: ['grounding_window_misses_beat'],
        comment: 'window on the wrong beat',
      },
    ]);
    expect(PutVerdictRequestSchema.safeParse(request.ok && request.input).success).toBe(true);
    // Passing the step again lets the sample pass, its steps sent along.
    const passed = passRequest(passStep(cancelEditor(draft), 2));
    expect(passed).toMatchObject({ ok: true, input: { verdict: 'pass' } });
    expect(passed.ok && passed.input.steps).toHaveLength(2);
  });

  it('starts from the saved verdict, and is clean again once saved', () => {
    const saved: Verdict = {
      id: 'v1',
      passId: 'p1',
      sampleId: 's1',
      reviewerId: 'r1',
      verdict: 'flag',
      reasons: ['wording'],
      comment: 'typo',
      steps: [{ stepIdx: 1, verdict: 'flag', reasons: ['other'], comment: '' }],
      version: 3,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const draft = draftFrom('s1', saved);
    expect(draft).toMatchObject({ comment: 'typo', reasons: ['wording'], unsaved: false });
    expect(openFlagEditor(draft, 'sample').editor?.reasons).toEqual(['wording', 'other']);
    expect(openFlagEditor(draft, 1).editor?.reasons).toEqual(['other']);
    expect(savedDraft(passStep(draft, 1), saved).unsaved).toBe(false);
  });
});
