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
   * carry 'Shift+'. Or a sequence of two chords with a space between ('g 1': G, then 1); its
   * first chord then starts the sequence and cannot be a command of its own in that scope.
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
 * The chord a key event makes (see KeyCommand.keys): with Ctrl or Meta (Cmd) it is prefixed
 * 'Mod+' ('Mod+z', 'Mod+Shift+Z'); null for combinations with Alt, which belong to the system.
 */
export function chordOf(e: {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): string | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey ? 'Mod+' : '';
  if (/^[a-z]$/i.test(e.key))
    return `${mod}${e.shiftKey ? `Shift+${e.key.toUpperCase()}` : e.key.toLowerCase()}`;
  if (e.key.length === 1) return `${mod}${e.key}`;
  return `${mod}${e.shiftKey ? `Shift+${e.key}` : e.key}`;
}

/** The two chords of a sequence key ('g 1'), or null for a single chord (' ' is Space). */
export function sequenceOf(key: string): readonly [string, string] | null {
  const at = key.indexOf(' ');
  return at > 0 && at < key.length - 1 ? [key.slice(0, at), key.slice(at + 1)] : null;
}

/**
 * Every chord that two commands share in one scope (none in a sound set of keymaps), and every
 * single chord that is also the start of a sequence there (the sequence could never be typed).
 */
export function findKeyConflicts(commands: readonly KeyCommandInfo[]): KeyConflict[] {
  const owner = new Map<string, string>();
  const starts = new Map<string, string>();
  const conflicts: KeyConflict[] = [];
  for (const c of commands) {
    for (const chord of new Set(c.keys)) {
      const slot = `${c.scope}\u0000${chord}`;
      const first = owner.get(slot);
      if (first === undefined) owner.set(slot, c.id);
      else conflicts.push({ scope: c.scope, chord, commandIds: [first, c.id] });
      const start = sequenceOf(chord)?.[0];
      if (start !== undefined && !starts.has(`${c.scope}\u0000${start}`))
        starts.set(`${c.scope}\u0000${start}`, c.id);
    }
  }
  for (const [slot, sequenceId] of starts) {
    const single = owner.get(slot);
    if (single !== undefined) {
      const [scope = '', chord = ''] = slot.split('\u0000');
      conflicts.push({ scope, chord, commandIds: [single, sequenceId] });
    }
  }
  return conflicts;
}

/** A keymap binding's memory between key presses: the first chord of a sequence typed so far. */
export interface KeySequenceState {
  pending: string | null;
}

/**
 * Runs the command a key event asks for among `keymap`'s commands in `scopes`; true when one
 * handled it (its default action is then prevented), false when the key is someone else's.
 * With `sequence` (the binding's memory), the first chord of a sequence key is kept there and
 * the next key completes it; a key that completes none (Esc: backs out) is read on its own.
 */
export function dispatchKey<C>(
  keymap: Keymap<C>,
  scopes: readonly string[],
  context: C,
  event: KeyboardEvent,
  sequence?: KeySequenceState,
): boolean {
  const chord = chordOf(event);
  if (chord === null) return false;
  const commands = keymap.commands.filter((c) => scopes.includes(c.scope));
  const run = (key: string) => {
    const command = commands.find((c) => c.keys.includes(key));
    if (!command || command.run(context, event) === false) return false;
    event.preventDefault();
    return true;
  };
  const pending = sequence?.pending ?? null;
  if (sequence && pending !== null) {
    sequence.pending = null;
    if (run(`${pending} ${chord}`)) return true;
    if (chord === 'Escape') {
      event.preventDefault();
      return true;
    }
  }
  if (run(chord)) return true;
  if (sequence && commands.some((c) => c.keys.some((k) => sequenceOf(k)?.[0] === chord))) {
    sequence.pending = chord;
    event.preventDefault();
    return true;
  }
  return false;
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

/**
 * A chord as a person reads it: 'j' is J, 'ArrowLeft' is ←, 'Shift+ArrowLeft' is Shift+←,
 * 'Mod+z' is Ctrl+Z, the sequence 'g 1' is "G 1".
 */
export function keyDisplay(chord: string): string {
  if (chord.startsWith('Mod+') && chord.length > 'Mod+'.length) {
    return `Ctrl+${keyDisplay(chord.slice('Mod+'.length))}`;
  }
  const sequence = sequenceOf(chord);
  if (sequence) return sequence.map(keyDisplay).join(' ');
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
