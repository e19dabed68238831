import type { Project } from '../project/Project';
import type { StudioHost } from './StudioHost';

/**
 * State that belongs to the open project (its team document, its leases): made on first
 * use, dropped when the project closes, made afresh for the next one.
 */
export class ProjectScoped<T> {
  private current: { project: Project; value: Promise<T> } | null = null;
  private readonly disposeCloser: () => void;

  constructor(
    private readonly host: StudioHost,
    private readonly open: (project: Project) => Promise<T> | T,
  ) {
    this.disposeCloser = host.onProjectClose(() => {
      this.current = null;
    });
  }

  /** The state of the open project (an error asking for one when none is open). */
  get(): Promise<T> {
    const project = this.host.requireProject();
    if (this.current?.project !== project) {
      const value = Promise.resolve().then(() => this.open(project));
      this.current = { project, value };
      value.catch(() => {
        if (this.current?.value === value) this.current = null;
      });
    }
    return this.current.value;
  }

  dispose(): void {
    this.disposeCloser();
  }
}
