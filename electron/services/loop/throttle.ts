/**
 * Calls `fire` at most once per `ms`: the first call fires at once, later ones within the
 * window collapse into one trailing call, so the last state is always delivered.
 */
export class Throttle {
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly fire: () => void,
  ) {}

  schedule(): void {
    if (this.timer) return;
    const wait = this.last + this.ms - Date.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => this.run(), wait);
  }

  /** Fires now if a call is waiting (at the end of a run, or before closing). */
  flush(): void {
    if (this.timer) this.run();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.cancel();
    this.last = Date.now();
    this.fire();
  }
}
