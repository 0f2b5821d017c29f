/** The keymaps mounted on the screen now: the `?` list shows exactly these. */
import { useMemo } from 'react';
import { create } from 'zustand';
import { findKeyConflicts, type KeyCommandInfo, type Keymap } from './keymap';

/** A keymap as the registry keeps it (its commands' run functions are not the list's concern). */
export type RegisteredKeymap = Omit<Keymap<never>, 'commands'> & {
  readonly commands: readonly KeyCommandInfo[];
};

interface KeymapRegistryState {
  readonly keymaps: readonly RegisteredKeymap[];
}

const useRegistry = create<KeymapRegistryState>(() => ({ keymaps: [] }));

/** One keymap per id (two plots on a screen register one "Plot" keymap), in `?` list order. */
function distinct(keymaps: readonly RegisteredKeymap[]): RegisteredKeymap[] {
  const seen = new Set<string>();
  return keymaps.filter((k) => !seen.has(k.id) && seen.add(k.id)).sort((a, b) => a.order - b.order);
}

/**
 * Adds a keymap while its part of the screen is mounted; returns the removal. Two commands with
 * one key in one scope are a programming error: they are reported on the console at once.
 */
export function registerKeymap(keymap: RegisteredKeymap): () => void {
  useRegistry.setState((s) => {
    const keymaps = [...s.keymaps, keymap];
    const conflicts = findKeyConflicts(distinct(keymaps).flatMap((k) => k.commands));
    for (const c of conflicts)
      console.error(
        `keymap: "${c.chord}" in scope ${c.scope} is bound twice: ${c.commandIds.join(' and ')}`,
      );
    return { keymaps };
  });
  return () => useRegistry.setState((s) => ({ keymaps: s.keymaps.filter((k) => k !== keymap) }));
}

/** The keymaps mounted now, one per id, in `?` list order. */
export function useRegisteredKeymaps(): readonly RegisteredKeymap[] {
  const keymaps = useRegistry((s) => s.keymaps);
  return useMemo(() => distinct(keymaps), [keymaps]);
}
