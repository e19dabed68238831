import type { MouseEvent } from 'react';

/**
 * Clicking a labeling button must not leave focus on it: a later Space or Enter would press
 * it again and label the next image by accident. Keyboard users still tab to it as usual.
 */
export const keepFocus = (event: MouseEvent): void => event.preventDefault();
