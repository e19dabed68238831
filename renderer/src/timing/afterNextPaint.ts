/** If no frame comes (a hidden tab does not paint), the work runs after this long anyway. */
export const noFrameMs = 100;

/**
 * Runs `task` once the browser has painted the next frame: requestAnimationFrame fires just
 * before the frame is produced, and a task queued from there runs after it. Work started from
 * a keypress this way never competes with the paint of the image that keypress brought up.
 */
export function afterNextPaint(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    task();
  };
  const fallback = setTimeout(run, noFrameMs);
  requestAnimationFrame(() => setTimeout(run, 0));
}
