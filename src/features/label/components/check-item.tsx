/** One live check beside its axis: the warning, the measured value, show on plot, dismiss. */
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { CheckState } from '../../../schemas/api/label-workbench';
import type { LiveCheck } from '../label-check-view';

/** A warning (never blocking) with what the engine measured and how to answer it. */
export function CheckItem({
  check,
  stored,
  shown,
  canDismiss,
  writing,
  onWriting,
  onShow,
  onDismiss,
}: {
  check: LiveCheck;
  /** Its stored state, when it is for these values. */
  stored: CheckState | undefined;
  shown: boolean;
  canDismiss: boolean;
  /** The reason field is open (the page's X key opens it too). */
  writing: boolean;
  onWriting: (open: boolean) => void;
  onShow: (() => void) | null;
  onDismiss: (reason: string) => Promise<void>;
}) {
  const setWriting = onWriting;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const dismissed = stored?.state === 'dismissed';
  const submit = async () => {
    if (reason.trim() === '') {
      setError('Say why the check does not apply.');
      return;
    }
    try {
      await onDismiss(reason.trim());
      setWriting(false);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div
      className={`mt-1 rounded border-l-4 px-2 py-1 text-[13px] ${
        dismissed ? 'border-slate-400 bg-slate-100 text-slate-600' : 'border-[#D55E00] bg-orange-50'
      }`}
      data-testid={`check-${check.id}`}
      data-state={dismissed ? 'dismissed' : 'open'}
    >
      <p>
        <span className="font-semibold">{dismissed ? 'Dismissed check: ' : '⚠ Check: '}</span>
        {check.message}
      </p>
      {check.measuredText && (
        <p className="tabular-nums">
          Measured: <strong>{check.measuredText}</strong>
        </p>
      )}
      {dismissed && stored && (
        <p className="text-[12px]">
          Dismissed by {stored.dismissedBy} on {stored.dismissedAt?.slice(0, 16).replace('T', ' ')}:
          “{stored.reason}”
        </p>
      )}
      <div className="mt-1 flex flex-wrap items-center gap-1">
        {onShow && (
          <Button onClick={onShow} pressed={shown}>
            {shown ? 'Shown on plot' : 'Show on plot'}
          </Button>
        )}
        {canDismiss && !dismissed && !writing && (
          <Button onClick={() => setWriting(true)}>Dismiss…</Button>
        )}
      </div>
      {writing && (
        <form
          className="mt-1 flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="text-[12px]">
            Why it does not apply
            <input
              // Opened by the labeller's own action: the reason is what they type next.
              autoFocus
              className="mt-0.5 block w-full rounded border border-slate-300 px-1 py-0.5"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setWriting(false);
                }
              }}
            />
          </label>
          <div className="flex gap-1">
            <Button type="submit">Dismiss with this reason</Button>
            <Button onClick={() => setWriting(false)}>Cancel</Button>
          </div>
          {error && (
            <p role="alert" className="text-[12px] text-[#D55E00]">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
