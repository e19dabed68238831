import type { ClassDef } from '../../../../../shared/domain/records';
import type { KeyCommand } from '../../../keyboard/commands';

/** What the review's keys can see and do. */
export interface ReviewContext {
  hasItem: boolean;
  actions: {
    keep(): void;
    relabel(classId: string): void;
    acceptSuggestion(): void;
    skip(): void;
    exit(): void;
  };
}

type Command = KeyCommand<ReviewContext>;
const onItem = (ctx: ReviewContext) => ctx.hasItem;

/**
 * The review of suspected labels, as keys: a class key relabels, Enter (or K, unless a class
 * owns K) keeps the label, Space takes the model's suggestion, → leaves it for later, Esc
 * goes back to labeling. Class keys come first, as in the labeling view.
 */
export function reviewCommands(classes: readonly ClassDef[]): Command[] {
  const classCommands: Command[] = classes
    .filter((c) => c.key !== '')
    .map((c) => ({ name: `relabel:${c.id}`, title: `It is ${c.name}`, group: 'Review', keys: [c.key], when: onItem, perform: (ctx) => ctx.actions.relabel(c.id) }));
  return [
    ...classCommands,
    { name: 'keep', title: 'Keep the label', group: 'Review', keys: ['Enter', 'k'], when: onItem, perform: (ctx) => ctx.actions.keep() },
    { name: 'accept-suggestion', title: "Take the model's suggestion", group: 'Review', keys: ['Space'], when: onItem, perform: (ctx) => ctx.actions.acceptSuggestion() },
    { name: 'later', title: 'Decide later', group: 'Review', keys: ['ArrowRight'], when: onItem, perform: (ctx) => ctx.actions.skip() },
    { name: 'exit', title: 'Back to labeling', group: 'Review', keys: ['Escape'], when: () => true, perform: (ctx) => ctx.actions.exit() },
  ];
}
