import { describe, expect, it, vi } from 'vitest';
import type { ClassDef } from '../../../shared/domain/records';
import { chordOf, keyLabel, resolveCommand, shadowedChords } from '../../../renderer/src/keyboard/commands';
import { isInertKey, labelingCommands, type LabelingContext } from '../../../renderer/src/keyboard/labelingCommands';

const cls = (id: string, key: string): ClassDef => ({ id, name: id, color: '#123456', key, guideline: '', examples: [] });

function context(over: Partial<LabelingContext> = {}): LabelingContext {
  const actions = {
    label: vi.fn(),
    acceptSuggestion: vi.fn(),
    skip: vi.fn(),
    flag: vi.fn(),
    undo: vi.fn(),
    back: vi.fn(),
    forward: vi.fn(),
    toggleGuidelines: vi.fn(),
    toggleHelp: vi.fn(),
    closeOverlay: vi.fn(),
    fit: vi.fn(),
    zoom: vi.fn(),
    retrain: vi.fn(),
  };
  return { hasItem: true, hasSuggestion: false, heldOut: false, canGoBack: true, canGoForward: true, overlay: 'none', actions, ...over };
}

const commands = labelingCommands([cls('cat', '1'), cls('dog', 'd'), cls('tenth', '0')]);
const press = (key: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}, ctx = context()) => {
  const command = resolveCommand(commands, { key, ...mods }, ctx);
  command?.perform(ctx);
  return { name: command?.name ?? null, ctx };
};

describe('key chords', () => {
  it('spells Ctrl and Cmd alike, and ignores Shift on printable keys', () => {
    expect(chordOf({ key: 'z', ctrlKey: true })).toBe('Mod+z');
    expect(chordOf({ key: 'z', metaKey: true })).toBe('Mod+z');
    expect(chordOf({ key: '?', shiftKey: true })).toBe('?');
    expect(chordOf({ key: 'D', shiftKey: true })).toBe('d');
    expect(chordOf({ key: ' ' })).toBe('Space');
    expect(chordOf({ key: 'Tab', shiftKey: true })).toBe('Shift+Tab');
  });

  it('prints keys the way a key cap shows them', () => {
    expect(keyLabel('Mod+z')).toBe('Ctrl+Z');
    expect(keyLabel('Mod+z', true)).toBe('⌘Z');
    expect(keyLabel('Backspace')).toBe('⌫');
  });
});

describe('the labeling keyboard map', () => {
  it('a class key labels the image with that class', () => {
    const { name, ctx } = press('d');
    expect(name).toBe('label:dog');
    expect(ctx.actions.label).toHaveBeenCalledWith('dog');
  });

  it('Backspace and Ctrl/Cmd+Z both undo; plain Z does not', () => {
    expect(press('Backspace').name).toBe('undo');
    expect(press('z', { ctrlKey: true }).name).toBe('undo');
    expect(press('z', { metaKey: true }).name).toBe('undo');
    expect(press('z').name).toBeNull();
  });

  it('S skips, F opens the flag prompt, H toggles guidelines, ? toggles help', () => {
    expect(press('s').name).toBe('skip');
    expect(press('S', { shiftKey: true }).name).toBe('skip');
    expect(press('f').name).toBe('flag');
    expect(press('h').name).toBe('guidelines');
    expect(press('?', { shiftKey: true }).name).toBe('help');
  });

  it('Space accepts the suggestion only when one is shown', () => {
    expect(press(' ').name).toBeNull();
    const { name, ctx } = press(' ', {}, context({ hasSuggestion: true }));
    expect(name).toBe('accept-suggestion');
    expect(ctx.actions.acceptSuggestion).toHaveBeenCalled();
  });

  it('a class that owns 0 wins over "fit", and the help says which key is taken', () => {
    expect(press('0').name).toBe('label:tenth');
    expect(shadowedChords(commands).get('0')).toEqual(['label:tenth', 'fit']);
    const withoutTenth = labelingCommands([cls('cat', '1')]);
    expect(resolveCommand(withoutTenth, { key: '0' }, context())?.name).toBe('fit');
  });

  it('no decision is made while the flag prompt or help is open; Esc closes them', () => {
    const flagging = context({ overlay: 'flag' });
    expect(press('1', {}, flagging).name).toBeNull();
    expect(press('s', {}, flagging).name).toBeNull();
    expect(press('Escape', {}, flagging).name).toBe('close');
    expect(press('1', {}, context({ overlay: 'help' })).name).toBeNull();
    expect(press('?', {}, context({ overlay: 'help' })).name).toBe('help');
  });

  it('arrows move only where there is somewhere to go, and nothing labels with no image on screen', () => {
    expect(press('ArrowLeft', {}, context({ canGoBack: false })).name).toBeNull();
    expect(press('ArrowRight').name).toBe('forward');
    expect(press('1', {}, context({ hasItem: false })).name).toBeNull();
  });

  it('holding a class key does not repeat it, arrows do repeat', () => {
    const byName = new Map(commands.map((c) => [c.name, c]));
    expect(byName.get('label:cat')?.repeat).toBeFalsy();
    expect(byName.get('undo')?.repeat).toBeFalsy();
    expect(byName.get('back')?.repeat).toBe(true);
  });

  it('on a held-out image Space runs nothing and is swallowed, so it cannot press a focused button', () => {
    const heldOut = context({ heldOut: true });
    expect(press(' ', {}, heldOut).name).toBeNull();
    expect(isInertKey({ key: ' ' }, heldOut)).toBe(true);
    expect(isInertKey({ key: ' ' }, context())).toBe(false);
    expect(isInertKey({ key: ' ' }, context({ heldOut: true, overlay: 'flag' }))).toBe(false); // typing a comment
    expect(isInertKey({ key: 's' }, heldOut)).toBe(false);
  });

  it('T retrains the model, and is listed in the help under Model', () => {
    const { name, ctx } = press('t');
    expect(name).toBe('retrain');
    expect(ctx.actions.retrain).toHaveBeenCalled();
    expect(press('T', { shiftKey: true }).name).toBe('retrain');
    expect(commands.find((c) => c.name === 'retrain')).toMatchObject({ group: 'Model', title: 'Retrain the model now', keys: ['t'] });
    expect(press('t', {}, context({ overlay: 'flag' })).name).toBeNull();
  });

  it('T takes no key from the default class keys, and a class that owns T keeps it', () => {
    const defaults = labelingCommands(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((k) => cls(`c${k}`, k)));
    expect([...shadowedChords(defaults).keys()]).toEqual(['0']); // only the existing 0/fit overlap
    const tomato = labelingCommands([cls('tomato', 't')]);
    expect(resolveCommand(tomato, { key: 't' }, context())?.name).toBe('label:tomato');
  });

  it('classes without a key get no command', () => {
    expect(labelingCommands([cls('nokey', '')]).some((c) => c.name === 'label:nokey')).toBe(false);
  });
});
