import type { ClassDef } from '../../../shared/domain/records';
import { chordOf, type KeyCommand, type KeyPress } from './commands';

/** What the labeling view's commands can see and do. */
export interface LabelingContext {
  hasItem: boolean;
  /** A model suggestion is shown (never for held-out items). */
  hasSuggestion: boolean;
  /** The image on screen is a held-out (val/test) image, shown without a suggestion. */
  heldOut: boolean;
  canGoBack: boolean;
  canGoForward: boolean;
  overlay: 'none' | 'help' | 'flag';
  actions: {
    label(classId: string): void;
    acceptSuggestion(): void;
    skip(): void;
    flag(): void;
    undo(): void;
    back(): void;
    forward(): void;
    toggleGuidelines(): void;
    toggleHelp(): void;
    closeOverlay(): void;
    fit(): void;
    zoom(factor: number): void;
    retrain(): void;
  };
}

type Command = KeyCommand<LabelingContext>;

const free = (ctx: LabelingContext) => ctx.overlay === 'none';
const onItem = (ctx: LabelingContext) => free(ctx) && ctx.hasItem;

/**
 * The labeling view's keyboard map. Class keys come first so a class that owns a key
 * (say `0`) wins over the view command sharing it; the help overlay says so.
 */
export function labelingCommands(classes: readonly ClassDef[]): Command[] {
  const classCommands: Command[] = classes
    .filter((c) => c.key !== '')
    .map((c) => ({
      name: `label:${c.id}`,
      title: `Label as ${c.name}`,
      group: 'Label',
      keys: [c.key],
      when: onItem,
      perform: (ctx) => ctx.actions.label(c.id),
    }));
  return [...classCommands, ...viewCommands];
}

/**
 * Keys that must do nothing at all, not even press a focused button: Space on a held-out
 * image, where there is no suggestion to accept (a button clicked earlier, say Retrain now,
 * may still hold the focus).
 */
export function isInertKey(press: KeyPress, ctx: LabelingContext): boolean {
  return chordOf(press) === 'Space' && ctx.overlay === 'none' && ctx.hasItem && ctx.heldOut;
}

const viewCommands: Command[] = [
  {
    name: 'accept-suggestion',
    title: "Accept the model's suggestion",
    group: 'Label',
    keys: ['Space'],
    when: (ctx) => onItem(ctx) && ctx.hasSuggestion,
    perform: (ctx) => ctx.actions.acceptSuggestion(),
  },
  { name: 'skip', title: 'Skip this image', group: 'Label', keys: ['s'], when: onItem, perform: (ctx) => ctx.actions.skip() },
  {
    name: 'flag',
    title: 'Flag as unsure, for expert review',
    group: 'Label',
    keys: ['f'],
    when: onItem,
    perform: (ctx) => ctx.actions.flag(),
  },
  {
    name: 'undo',
    title: 'Undo the last decision',
    group: 'Label',
    keys: ['Backspace', 'Mod+z'],
    when: free,
    perform: (ctx) => ctx.actions.undo(),
  },
  {
    name: 'back',
    repeat: true,
    title: 'Previous image',
    group: 'Move',
    keys: ['ArrowLeft'],
    when: (ctx) => free(ctx) && ctx.canGoBack,
    perform: (ctx) => ctx.actions.back(),
  },
  {
    name: 'forward',
    repeat: true,
    title: 'Next image',
    group: 'Move',
    keys: ['ArrowRight'],
    when: (ctx) => free(ctx) && ctx.canGoForward,
    perform: (ctx) => ctx.actions.forward(),
  },
  { name: 'fit', title: 'Fit the image (or double-click)', group: 'View', keys: ['0'], when: onItem, perform: (ctx) => ctx.actions.fit() },
  { name: 'zoom-in', title: 'Zoom in', group: 'View', keys: ['+', '='], repeat: true, when: onItem, perform: (ctx) => ctx.actions.zoom(1.25) },
  { name: 'zoom-out', title: 'Zoom out', group: 'View', keys: ['-'], repeat: true, when: onItem, perform: (ctx) => ctx.actions.zoom(0.8) },
  {
    name: 'retrain',
    title: 'Retrain the model now',
    group: 'Model',
    keys: ['t'],
    when: free,
    perform: (ctx) => ctx.actions.retrain(),
  },
  {
    name: 'guidelines',
    title: 'Show or hide the guidelines',
    group: 'View',
    keys: ['h'],
    when: free,
    perform: (ctx) => ctx.actions.toggleGuidelines(),
  },
  {
    name: 'help',
    title: 'Show or hide this help',
    group: 'View',
    keys: ['?'],
    when: (ctx) => ctx.overlay !== 'flag',
    perform: (ctx) => ctx.actions.toggleHelp(),
  },
  {
    name: 'close',
    title: 'Close help or cancel the flag',
    group: 'View',
    keys: ['Escape'],
    when: (ctx) => ctx.overlay !== 'none',
    perform: (ctx) => ctx.actions.closeOverlay(),
  },
];
