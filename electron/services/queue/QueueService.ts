import type { QueueItem } from '../../../shared/contract/queue';
import type { Sample } from '../../../shared/domain/records';
import { ProjectScoped } from '../host/ProjectScoped';
import type { StudioHost } from '../host/StudioHost';
import type { LoopService } from '../loop/LoopService';
import type { Project } from '../project/Project';
import type { RequestContext } from '../rpc/HandlerRegistry';
import type { TeamService } from '../team/TeamService';
import { defaultLeaseMs, LeaseBook, type LeaseHolder } from './LeaseBook';
import type { QueueAccess } from './LabelQueue';

export interface QueueServiceOptions {
  /** Milliseconds since the epoch; tests pass a clock they move by hand. */
  clock?: () => number;
  leaseMs?: number;
}

/**
 * The queue as several people see it: each is handed images nobody else holds (leases),
 * overlap samples come back to a second person for an independent answer, and what a tab
 * holds goes back when it drops the images, decides on them, or disconnects. Other views
 * that hand out images (review modes) take and give back leases through this service.
 */
export class QueueService {
  private readonly leases: ProjectScoped<LeaseBook>;
  private readonly watched = new Set<string>();

  constructor(
    host: StudioHost,
    private readonly loop: LoopService,
    private readonly team: TeamService,
    options: QueueServiceOptions = {},
  ) {
    this.leases = new ProjectScoped(host, () => new LeaseBook(options.clock ?? Date.now, options.leaseMs ?? defaultLeaseMs));
  }

  /**
   * Who is asking, as a lease holder: their client (tab) and name. A tab's leases are given
   * back when it disconnects.
   */
  holderFor(context: RequestContext, annotator: string): LeaseHolder {
    const client = context.client;
    const holder = { key: `${client?.id ?? context.transport}\u0000${annotator}`, annotator };
    if (client && !this.watched.has(holder.key)) {
      this.watched.add(holder.key);
      client.onEnd(() => {
        this.watched.delete(holder.key);
        void this.leases.get().then((book) => book.releaseHolder(holder.key), () => undefined);
      });
    }
    return holder;
  }

  /** The next images for `holder`, leased to them; what they already hold is renewed. */
  async next(holder: LeaseHolder, count: number, exclude: readonly string[]): Promise<QueueItem[]> {
    const [session, leases, team] = await Promise.all([this.loop.session(), this.leases.get(), this.team.team()]);
    leases.take(exclude, holder);
    const overlap = team.overlap();
    const access: QueueAccess = {
      available: (id) => leases.isFreeFor(id, holder),
      secondOpinions: this.waitingForSecondOpinion(team.project, overlap, holder.annotator),
      hideSuggestion: (id) => overlap.has(id),
    };
    const items = session.next(count, exclude, access);
    leases.take(
      items.map((i) => i.sampleId),
      holder,
    );
    const book = team.project.labels.book;
    return items.map((item) => ({ ...item, version: book.versionOf(item.sampleId) }));
  }

  /** Renews (or takes) leases on images the tab shows or holds; lists those someone else has. */
  async hold(holder: LeaseHolder, sampleIds: readonly string[]): Promise<ReturnType<LeaseBook['take']>> {
    return (await this.leases.get()).take(sampleIds, holder);
  }

  async release(holder: LeaseHolder, sampleIds: readonly string[]): Promise<void> {
    (await this.leases.get()).release(sampleIds, holder);
  }

  /** A decision was made on the image: it is no longer out, whoever held it. */
  async settle(sampleId: string): Promise<void> {
    (await this.leases.get()).settle(sampleId);
  }

  dispose(): void {
    this.leases.dispose();
  }

  /** Overlap samples one other person has answered (and nothing more happened to): this person's turn. */
  private waitingForSecondOpinion(project: Project, overlap: ReadonlySet<string>, annotator: string): Sample[] {
    const book = project.labels.book;
    const waiting: Sample[] = [];
    for (const id of overlap) {
      const state = book.stateOf(id);
      if (state.classId === null || state.needsReview || state.reviewed || state.flag) continue;
      const answers = book.answersOf(id);
      if (answers.length !== 1 || answers[0].annotator === annotator) continue;
      const sample = project.samples.get(id);
      if (sample) waiting.push(sample);
    }
    return waiting;
  }
}
