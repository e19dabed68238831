import { useEffect, useMemo } from 'react';
import { resolveCommand } from '../../../keyboard/commands';
import { useStudio } from '../../../hooks/useStudio';
import { useStudioStore } from '../../../hooks/useStudioStore';
import { selectClasses } from '../../../store/selectors';
import { reviewCommands, type ReviewContext } from './reviewCommands';

/** Runs the review's keys while it is on screen; returns the table (the key hints show it). */
export function useReviewKeyboard() {
  const store = useStudioStore();
  const classes = useStudio(selectClasses);
  const commands = useMemo(() => reviewCommands(classes), [classes]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
      const s = store.getState();
      const item = s.quality.review.items[0];
      const ctx: ReviewContext = {
        hasItem: Boolean(item),
        actions: {
          keep: () => s.reviewCurrent({ action: 'keep' }),
          relabel: (classId) => s.reviewCurrent(item && classId === item.given ? { action: 'keep' } : { action: 'relabel', classId }),
          acceptSuggestion: () => item && s.reviewCurrent({ action: 'relabel', classId: item.suggested }),
          skip: s.skipReviewItem,
          exit: s.stopReview,
        },
      };
      const command = resolveCommand(commands, event, ctx);
      if (!command) return;
      event.preventDefault();
      command.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, store]);
  return commands;
}
