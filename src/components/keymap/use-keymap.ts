/** Binds a keymap's commands to key presses on the page or on one element, and lists it for `?`. */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { dispatchKey, isTypingTarget, type KeySequenceState, type Keymap } from './keymap';
import { registerKeymap } from './keymap-registry';

/** Where a keymap listens. */
export interface KeymapBinding {
  /** Scopes heard on the page (window), unless the key comes from inside `element`. */
  readonly pageScopes?: readonly string[];
  /** An element and the scopes heard while it (or something in it) has focus. */
  readonly element?: RefObject<HTMLElement | null>;
  readonly elementScopes?: readonly string[];
  /** Told the first chord of a sequence when one is typed, and null when it completes or ends. */
  readonly onPending?: (chord: string | null) => void;
}

/**
 * Runs `keymap`'s commands with `context` (the latest one given) and registers the keymap for the
 * `?` list while mounted. A command that handles a key on the element stops it there, so the
 * page's keymaps do not act on it too.
 */
export function useKeymap<C>(keymap: Keymap<C>, context: C, binding: KeymapBinding): void {
  const latest = useRef(context);
  const onPending = useRef(binding.onPending);
  useLayoutEffect(() => {
    latest.current = context;
    onPending.current = binding.onPending;
  });
  // One memory for the page and the element: G on the page, then 1 in the plot, is one sequence.
  const [sequence] = useState<KeySequenceState>(() => ({ pending: null }));
  const { pageScopes, element, elementScopes } = binding;
  const pageKey = pageScopes?.join(' ') ?? '';
  const elementKey = elementScopes?.join(' ') ?? '';

  useEffect(() => registerKeymap(keymap), [keymap]);

  // Layout effects: the keys work from the first painted frame of the screen on (a key pressed
  // as soon as the screen shows was lost between the paint and a passive effect).
  useLayoutEffect(() => {
    if (!pageKey) return;
    const scopes = pageKey.split(' ');
    const onKey = (e: KeyboardEvent) => {
      const inside = element?.current;
      if (e.target instanceof Node && inside?.contains(e.target)) return;
      if (isTypingTarget(e.target)) return;
      dispatchAndTell(keymap, scopes, latest.current, e, sequence, onPending.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap, pageKey, element, sequence]);

  useLayoutEffect(() => {
    const el = element?.current;
    if (!el || !elementKey) return;
    const scopes = elementKey.split(' ');
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (dispatchAndTell(keymap, scopes, latest.current, e, sequence, onPending.current))
        e.stopPropagation();
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [keymap, elementKey, element, sequence]);
}

/** Dispatches a key and tells `onPending` when a sequence starts or stops waiting. */
function dispatchAndTell<C>(
  keymap: Keymap<C>,
  scopes: readonly string[],
  context: C,
  event: KeyboardEvent,
  sequence: KeySequenceState,
  onPending: ((chord: string | null) => void) | undefined,
): boolean {
  const before = sequence.pending;
  const handled = dispatchKey(keymap, scopes, context, event, sequence);
  if (sequence.pending !== before) onPending?.(sequence.pending);
  return handled;
}
