/** Cut a release of the workspace as it is now: a name, then the button. */
import { useState } from 'react';
import { Button } from '../../../../components/ui/button';
import type { Release } from '../../../../schemas/api/releases';
import { ReleaseNameSchema } from '../../../../schemas/api/releases';
import { useCutRelease } from '../api/releases';

export function CutReleaseForm({ onCut }: { onCut: (release: Release) => void }) {
  const [name, setName] = useState('');
  const cut = useCutRelease();
  // The server's own rule for a name (one home), so the button never offers what it refuses.
  const valid = ReleaseNameSchema.safeParse(name).success;
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid) return;
        cut.mutate(name, {
          onSuccess: (release) => {
            setName('');
            onCut(release);
          },
        });
      }}
    >
      <label className="flex flex-col text-xs text-slate-600">
        New release name
        <input
          className="mt-0.5 w-44 rounded border border-slate-300 px-1.5 py-0.5 text-sm text-slate-900"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. 0.0.3"
          aria-describedby="cut-release-hint"
        />
      </label>
      <Button type="submit" disabled={!valid || cut.isPending}>
        {cut.isPending ? 'Cutting…' : 'Cut release'}
      </Button>
      <span id="cut-release-hint" className="max-w-md text-xs text-slate-600">
        {cut.isError ? (
          <span role="alert" className="text-ok-problem-ink">
            Not cut: {cut.error.message}
          </span>
        ) : (
          'Freezes every sample as it is now; the notes start as a draft you can edit.'
        )}
      </span>
    </form>
  );
}
