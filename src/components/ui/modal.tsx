/** A modal dialog over the page (native <dialog>): Escape closes it, focus returns on close. */
import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * Shown while `open`; `onClose` runs however it closes (Escape included). A modal owns the
 * keyboard: key presses inside it do not reach the page's shortcuts (J, ], Esc...) behind it.
 */
export function Modal({
  open,
  onClose,
  title,
  aside,
  onKeyDown,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  /** Beside the title (a close button, say). */
  aside?: ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDialogElement>) => void;
  className?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={(e) => {
        // Closing leaves focus on the button inside until the browser's next focus fixup, so a
        // key pressed right after Escape can still land here: it is the page's key, not ours.
        if (!e.currentTarget.open) return;
        e.stopPropagation();
        onKeyDown?.(e);
      }}
      className={`m-auto max-w-[min(90vw,60rem)] rounded border border-slate-300 p-4 text-[14px] text-slate-800 shadow-lg backdrop:bg-slate-900/30 ${className ?? ''}`}
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={titleId} className="text-[16px] font-semibold">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </dialog>
  );
}
