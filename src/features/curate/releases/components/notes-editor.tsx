/** The draft notes: edit, save (based on the version read), publish (which freezes them). */
import { useState } from 'react';
import { Button } from '../../../../components/ui/button';
import { Message } from '../../../../components/ui/message';
import type { Release } from '../../../../schemas/api/releases';
import { usePublishRelease, useSaveNotes } from '../api/releases';

export function NotesEditor({ release }: { release: Release }) {
  const [text, setText] = useState(release.notes);
  // The version (and its notes) this editor's text is based on: saves send it as If-Match.
  const [base, setBase] = useState({ version: release.version, notes: release.notes });
  const [confirming, setConfirming] = useState(false);
  const save = useSaveNotes();
  const publish = usePublishRelease();
  const dirty = text !== base.notes;
  const movedOn = release.version > base.version && !save.isPending;
  // Someone else saved while nothing here was typed: take their notes, nothing is lost.
  if (movedOn && !dirty) {
    setBase({ version: release.version, notes: release.notes });
    setText(release.notes);
  }
  const failure = save.error ?? publish.error;
  return (
    <div className="flex flex-col gap-2">
      <label className="flex flex-col text-xs text-slate-600">
        Notes (draft, Markdown: editable until the release is published)
        <textarea
          data-testid="release-notes-editor"
          className="mt-1 h-80 rounded border border-slate-300 bg-white p-2 font-mono text-[12px] leading-relaxed text-slate-900"
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck
        />
      </label>
      {movedOn && dirty && (
        <Message tone="error" title="Someone else saved these notes since you started">
          Saving now would overwrite their version {release.version}, so it is refused. Copy what
          you need from your text, then{' '}
          <button
            type="button"
            className="underline"
            onClick={() => {
              setBase({ version: release.version, notes: release.notes });
              setText(release.notes);
            }}
          >
            load their version
          </button>
          .
        </Message>
      )}
      {failure && !movedOn && (
        <Message tone="error" title="Not saved">
          {failure.message}
        </Message>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          disabled={!dirty || save.isPending}
          onClick={() =>
            save.mutate(
              { base: { id: release.id, version: base.version }, notes: text },
              { onSuccess: (saved) => setBase({ version: saved.version, notes: saved.notes }) },
            )
          }
        >
          {save.isPending ? 'Saving…' : 'Save notes'}
        </Button>
        {dirty && <span className="text-xs text-slate-600">Unsaved changes</span>}
        {!confirming ? (
          <Button disabled={dirty} onClick={() => setConfirming(true)} className="ml-auto">
            Publish…
          </Button>
        ) : (
          <span
            role="group"
            aria-label="Confirm publishing"
            className="ml-auto flex items-center gap-2"
          >
            <span className="text-xs">Publishing freezes these notes for good.</span>
            <Button
              autoFocus
              disabled={publish.isPending}
              onClick={() =>
                publish.mutate(
                  { id: release.id, version: base.version },
                  { onSettled: () => setConfirming(false) },
                )
              }
            >
              Publish {release.name}
            </Button>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
          </span>
        )}
      </div>
      {dirty && <p className="text-xs text-slate-600">Save the notes before publishing.</p>}
    </div>
  );
}
