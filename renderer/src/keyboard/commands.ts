/**
 * Keyboard commands are data: a name, the keys that run it, when it applies and what it
 * does. The labeling view resolves key presses against the table and the help overlay (?)
 * is generated from the same table, so the two can never disagree.
 */
export interface KeyCommand<Ctx> {
  /** Stable id, e.g. `label:c_12ab` or `undo`. */
  name: string;
  /** What the help overlay says. */
  title: string;
  /** Help overlay section. */
  group: string;
  /** Chords as `chordOf` writes them: `s`, `Space`, `Backspace`, `Mod+z`, `ArrowLeft`, `?`. */
  keys: readonly string[];
  when(ctx: Ctx): boolean;
  /** Whether holding the key repeats it; never for decisions (a held key must not label a run of images). */
  repeat?: boolean;
  perform(ctx: Ctx): void;
}

/** The parts of a KeyboardEvent a chord depends on (so tests need no DOM). */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

const named: Record<string, string> = { ' ': 'Space', Spacebar: 'Space', Esc: 'Escape', Del: 'Delete' };

/**
 * One spelling per chord. Ctrl and Cmd both read as `Mod`. Printable keys are matched by
 * the character they type, so `?` is `?` whatever the keyboard layout needs for it, and
 * letters ignore Shift and Caps Lock (class keys are unique regardless of case).
 */
export function chordOf(press: KeyPress): string {
  let key = named[press.key] ?? press.key;
  const printable = key.length === 1;
  if (printable) key = key.toLowerCase();
  const parts: string[] = [];
  if (press.ctrlKey || press.metaKey) parts.push('Mod');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey && !printable) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

export function normaliseChord(chord: string): string {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  return [...parts, key.length === 1 ? key.toLowerCase() : key].join('+');
}

/** The first command that takes this chord and applies in this context. */
export function resolveCommand<Ctx>(commands: readonly KeyCommand<Ctx>[], press: KeyPress, ctx: Ctx): KeyCommand<Ctx> | null {
  const chord = chordOf(press);
  for (const command of commands) {
    if (command.keys.some((k) => normaliseChord(k) === chord) && command.when(ctx)) return command;
  }
  return null;
}

/** Chords claimed by more than one command: the help overlay shows which one wins. */
export function shadowedChords<Ctx>(commands: readonly KeyCommand<Ctx>[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const command of commands) {
    for (const key of command.keys) {
      const chord = normaliseChord(key);
      owners.set(chord, [...(owners.get(chord) ?? []), command.name]);
    }
  }
  return new Map([...owners].filter(([, names]) => names.length > 1));
}

/** How a chord is printed on a key cap. */
export function keyLabel(chord: string, isMac = false): string {
  const labels: Record<string, string> = {
    Mod: isMac ? '⌘' : 'Ctrl',
    Space: 'Space',
    Backspace: '⌫',
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
    Escape: 'Esc',
    Enter: '↵',
  };
  return chord
    .split('+')
    .map((p) => labels[p] ?? (p.length === 1 ? p.toUpperCase() : p))
    .join(isMac ? '' : '+');
}
