/** The status line's save state, in words: Saved (version), Unsaved, Saving, Not saved, Conflict, Offline, Error. */
import { useStore } from 'zustand';
import type { ChainEditorStore } from '../chain-editor-store';

/** Where the draft stands against the server. */
export function SaveStatusText({ editor }: { editor: ChainEditorStore }) {
  const save = useStore(editor, (s) => s.save);
  const version = useStore(editor, (s) => s.server.version);
  const text = (() => {
    switch (save.kind) {
      case 'saved':
        return `Saved (version ${version})`;
      case 'pending':
        return `Unsaved edits: saving in a moment (on version ${version})`;
      case 'saving':
        return `Saving… (on version ${version})`;
      case 'invalid':
        return `Not saved: ${save.errors} error${save.errors === 1 ? '' : 's'} to fix (kept here)`;
      case 'conflict':
        return `Conflict: version ${save.theirs.version} was saved by someone else`;
      case 'offline':
        return 'Offline: the server cannot be reached; retrying (edits kept here)';
      case 'error':
        return `Error: not saved (${save.message})`;
    }
  })();
  const tone =
    save.kind === 'saved'
      ? 'text-[#00603f]'
      : save.kind === 'conflict' || save.kind === 'error' || save.kind === 'invalid'
        ? 'font-semibold text-[#b34700]'
        : 'text-slate-700';
  return (
    <span className={tone} data-testid="save-status">
      {text}
    </span>
  );
}
