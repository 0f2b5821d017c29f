/** A compact button with an optional keyboard shortcut shown beside its label. */
import type { ButtonHTMLAttributes } from 'react';
import { Kbd } from './kbd';

/** Button props: `shortcut` is the key shown (the caller binds it). */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly shortcut?: string;
  readonly pressed?: boolean;
}

/** A compact, keyboard-labelled button; `pressed` marks a toggled state (aria-pressed). */
export function Button({ shortcut, pressed, className, children, ...rest }: ButtonProps) {
  const state =
    pressed === true
      ? 'border-ok-selected bg-ok-selected text-white'
      : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100';
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={`inline-flex items-center gap-0.5 rounded border px-2 py-0.5 text-[13px] disabled:opacity-40 ${state} ${className ?? ''}`}
      {...rest}
    >
      {children}
      {shortcut && <Kbd>{shortcut}</Kbd>}
    </button>
  );
}
