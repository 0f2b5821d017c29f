/** The chain editor's keys as data: undo and redo, accepting the engine's proposal, going to the answers. */
import { PAGE_SCOPE, type KeyCommand } from '../../components/keymap/keymap';
import { chooseAnswer, proposeMeasurementAnswer } from '../../domain/benchmark/edit';
import type { Measurements } from '../../domain/measure/types';
import type { ReasoningKeyContext } from '../reasoning-keymap';
import type { ChainEditorStore } from './chain-editor-store';

/** What the editor keys act on. */
export interface EditorKeyContext {
  readonly editor: ChainEditorStore;
  readonly measurements: Measurements | null;
  readonly canEdit: boolean;
  /** Moves focus to the first answer control of the drawn question; false when none is drawn. */
  focusAnswers(): boolean;
}

type Ctx = ReasoningKeyContext & EditorKeyContext;

/** U, Shift+U, A and E in the chain editor. */
export const EDITOR_COMMANDS: readonly KeyCommand<Ctx>[] = [
  {
    id: 'editor.undo',
    scope: PAGE_SCOPE,
    keys: ['u'],
    label: 'Undo the last chain edit',
    run: (ctx) => ctx.canEdit && ctx.editor.getState().undo(),
  },
  {
    id: 'editor.redo',
    scope: PAGE_SCOPE,
    keys: ['Shift+U'],
    label: 'Redo the chain edit undone last',
    run: (ctx) => ctx.canEdit && ctx.editor.getState().redo(),
  },
  {
    id: 'editor.accept-measurement',
    scope: PAGE_SCOPE,
    keys: ['a'],
    label: "Accept the engine's answer for the drawn measurement question",
    run: (ctx) => {
      const g = ctx.store.getState().grounding;
      if (!ctx.canEdit || !g || !ctx.measurements) return false;
      const ref = { kind: 'grounding', step: g.step, index: g.index } as const;
      const editor = ctx.editor.getState();
      const p = proposeMeasurementAnswer(editor.sample(), ref, ctx.measurements);
      if (!p.ok) {
        editor.setNotice(`No answer to accept: ${p.reason}.`);
        return;
      }
      editor.apply((s) => chooseAnswer(s, ref, p.optionIndex));
    },
  },
  {
    id: 'editor.answers',
    scope: PAGE_SCOPE,
    keys: ['e'],
    label: "Go to the drawn question's answers (Tab between them, Space to choose or toggle)",
    run: (ctx) => ctx.focusAnswers(),
  },
];
