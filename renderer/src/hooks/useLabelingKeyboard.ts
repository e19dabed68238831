import { useEffect, useMemo, type RefObject } from 'react';
import { resolveCommand, type KeyCommand } from '../keyboard/commands';
import { isInertKey, labelingCommands, type LabelingContext } from '../keyboard/labelingCommands';
import type { StudioState } from '../store';
import { suggestionOf } from '../store/labelingQueue';
import { selectClasses } from '../store/selectors';
import type { ViewerControls } from '../views/labeling/ImageViewer';
import { useStudio } from './useStudio';
import { useStudioStore } from './useStudioStore';

/** Keys typed into a field belong to the field. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function labelingContext(s: StudioState, viewer: RefObject<ViewerControls | null>): LabelingContext {
  const l = s.labeling;
  return {
    hasItem: l.current !== null,
    hasSuggestion: suggestionOf(l.current).length > 0,
    heldOut: l.current?.heldOut ?? false,
    canGoBack: l.trail.length > 0,
    canGoForward: l.ahead.length > 0,
    overlay: l.overlay,
    actions: {
      label: s.labelCurrent,
      acceptSuggestion: s.acceptSuggestion,
      skip: s.skipCurrent,
      flag: s.openFlagPrompt,
      undo: () => void s.undoLast(),
      back: s.goBack,
      forward: s.goForward,
      toggleGuidelines: s.toggleGuidelines,
      toggleHelp: s.toggleHelp,
      closeOverlay: s.closeOverlay,
      fit: () => viewer.current?.fit(),
      zoom: (factor) => viewer.current?.zoom(factor),
      retrain: () => void s.startTraining(),
    },
  };
}

/**
 * Runs the labeling view's keyboard commands while it is on screen; returns the command
 * table so the help overlay and the buttons show the same keys.
 */
export function useLabelingKeyboard(viewer: RefObject<ViewerControls | null>): KeyCommand<LabelingContext>[] {
  const store = useStudioStore();
  const classes = useStudio(selectClasses);
  const commands = useMemo(() => labelingCommands(classes), [classes]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return; // a modal owns the keyboard
      const ctx = labelingContext(store.getState(), viewer);
      const command = resolveCommand(commands, event, ctx);
      if (!command) {
        if (isInertKey(event, ctx)) event.preventDefault();
        return;
      }
      event.preventDefault(); // also stops Space from pressing a focused button
      if (event.repeat && !command.repeat) return;
      command.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, store, viewer]);
  return commands;
}
