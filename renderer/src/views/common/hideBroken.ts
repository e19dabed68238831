import type { SyntheticEvent } from 'react';

/** A thumbnail that fails to load leaves its tile's background instead of a broken-image icon. */
export const hideBroken = (event: SyntheticEvent<HTMLImageElement>): void => event.currentTarget.classList.add('broken');
