/**
 * Keys as data: each command names its action, keys, label and scope. The same records drive the
 * key handlers (dispatchKey) and the `?` list (shortcutRows), so the list cannot drift from them.
 */

/** Heard on the whole page (while nothing is being typed in). */
export const PAGE_SCOPE = 'page';

/** One command: what it does, the keys that do it and where they are heard. */
export interface KeyCommand<C> {
  /** Stable id, e.g. `step.next`. */
  readonly id: string;
  /** Where the keys are heard: PAGE_SCOPE, or a part of the screen with focus (e.g. `plot`). */
  readonly scope: string;
  /**
   * Chords: a letter as typed ('j'; with Shift 'Shift+J'), any other printable key as typed
   * (']', '?', '+'), a named key by its KeyboardEvent.key ('ArrowLeft', 'Escape'), which may
   * carry 'Shift+'.
   */
  readonly keys: readonly string[];
  /** What it does, as the `?` list says it. */
  readonly label: string;
  /** How the `?` list writes the keys (default: each chord, e.g. ['1–9'] for nine digits). */
  readonly display?: readonly string[];
  /** Does it; `false` means "nothing to do now", and the key goes on to the next handler. */
  readonly run: (context: C, event: KeyboardEvent) => boolean | void;
}

/** A named group of commands (one per part of the screen; one group in the `?` list). */
export interface Keymap<C> {
  readonly id: string;
  readonly title: string;
  /** Place in the `?` list (lower first). */
  readonly order: number;
  readonly commands: readonly KeyCommand<C>[];
}

/** The fields of a command that matter for conflicts and the `?` list. */
export type KeyCommandInfo = Pick<KeyCommand<never>, 'id' | 'scope' | 'keys' | 'label' | 'display'>;

/** Two commands that one chord would both trigger in one scope. */
export interface KeyConflict {
  readonly scope: string;
  readonly chord: string;
  readonly commandIds: readonly [string, string];
}

/**
 * The chord a key event makes (see KeyCommand.keys), or null for combinations with Ctrl, Meta or
 * Alt, which belong to the browser and the system.
 */
export function chordOf(e: {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[a-z]$/i.test(e.key))
    return e.shiftKey ? `Shift+${e.key.toUpperCase()}` : e.key.toLowerCase();
  if (e.key.length === 1) return e.key;
  return e.shiftKey ? `Shift+${e.key}` : e.key;
}

/** Every chord that two commands share in one scope (none in a sound set of keymaps). */
export function findKeyConflicts(commands: readonly KeyCommandInfo[]): KeyConflict[] {
  const owner = new Map<string, string>();
  const conflicts: KeyConflict[] = [];
  for (const c of commands) {
    for (const chord of new Set(c.keys)) {
      const slot = `${c.scope}\u0000${chord}`;
      const first = owner.get(slot);
      if (first === undefined) owner.set(slot, c.id);
      else conflicts.push({ scope: c.scope, chord, commandIds: [first, c.id] });
    }
  }
  return conflicts;
}

/**
 * Runs the command a key event asks for among `keymap`'s commands in `scopes`; true when one
 * handled it (its default action is then prevented), false when the key is someone else's.
 */
export function dispatchKey<C>(
  keymap: Keymap<C>,
  scopes: readonly string[],
  context: C,
  event: KeyboardEvent,
): boolean {
  const chord = chordOf(event);
  if (chord === null) return false;
  const command = keymap.commands.find((c) => scopes.includes(c.scope) && c.keys.includes(chord));
  if (!command || command.run(context, event) === false) return false;
  event.preventDefault();
  return true;
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Backspace: '⌫',
  ' ': 'Space',
};

/** A chord as a person reads it: 'j' is J, 'ArrowLeft' is ←, 'Shift+ArrowLeft' is Shift+←. */
export function keyDisplay(chord: string): string {
  const shift = chord.startsWith('Shift+') && chord.length > 'Shift+'.length;
  const key = shift ? chord.slice('Shift+'.length) : chord;
  const name = KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);
  return shift ? `Shift+${name}` : name;
}

/** One row of the `?` list. */
export interface ShortcutRow {
  readonly keys: readonly string[];
  readonly what: string;
}

/** The `?` list's rows for a keymap, one per command, keys as a person reads them. */
export function shortcutRows(keymap: {
  readonly commands: readonly KeyCommandInfo[];
}): ShortcutRow[] {
  return keymap.commands.map((c) => ({ keys: c.display ?? c.keys.map(keyDisplay), what: c.label }));
}

/** Inputs that take no typing: page keys still work while one has focus (Space toggles it). */
const CHOICE_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset'];

/**
 * True while the user types into a field: page keys stay out of the way then. A focused checkbox
 * or radio button is not typed into, so the page's keys go on working beside it.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target instanceof HTMLInputElement && !CHOICE_INPUTS.includes(target.type);
}
