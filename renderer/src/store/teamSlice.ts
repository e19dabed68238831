import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { ReviewItem } from '../../../shared/contract/review';
import type { AgreementReportPayload, Team, TeamRole } from '../../../shared/contract/team';
import type { Decision } from '../../../shared/domain/records';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import { projectLoader, slicePatcher } from './sliceTools';
import type { Slice } from './types';

export interface TeamState {
  team: Team | null;
  /** What waits for a reviewer, oldest first; null until the Review tab asks. */
  review: { total: number; items: ReviewItem[] } | null;
  /** The reviewer's verdicts made in this tab, newest first, so each can be undone. */
  verdicts: Decision[];
  agreement: AgreementReportPayload | null;
}

export interface TeamSlice {
  team: TeamState;
  loadTeam(): Promise<void>;
  loadReview(): Promise<void>;
  loadAgreement(): Promise<void>;
  /** Form actions resolve to the error to show, or null. */
  setRole(name: string, role: TeamRole | null): Promise<StudioErrorPayload | null>;
  setOverlap(rate: number): Promise<StudioErrorPayload | null>;
  /** The reviewer's final decision on an image of the review queue. */
  decideReview(item: ReviewItem, classId: string): Promise<void>;
  undoVerdict(seq: number): Promise<void>;
  resetTeam(): void;
}

const initial: TeamState = { team: null, review: null, verdicts: [], agreement: null };

/** The project's team, its review queue and agreement: what the Review tab and the Evaluate tab's agreement panel show. */
export const createTeamSlice: Slice<TeamSlice> = (set, get, { api }) => {
  let epoch = 0;
  const patch = slicePatcher(set, 'team');
  const load = projectLoader(get, () => epoch);
  const by = () => get().annotator || undefined;
  const change = async (work: Promise<Team>): Promise<StudioErrorPayload | null> => {
    try {
      patch({ team: await work });
      return null;
    } catch (error) {
      return errorPayloadOf(error);
    }
  };

  return {
    team: initial,
    loadTeam: () => load(unwrap(api.team.get({})), (team) => patch({ team }), 'The team'),
    loadReview: () => load(unwrap(api.review.queue({ limit: 500 })), (review) => patch({ review }), 'The review queue'),
    loadAgreement: () => load(unwrap(api.team.agreement({})), (agreement) => patch({ agreement }), 'Agreement'),
    setRole: (name, role) => change(unwrap(api.team.setRole({ name, role, by: by() }))),
    setOverlap: (rate) => change(unwrap(api.team.setOverlap({ rate, by: by() }))),

    async decideReview(item, classId) {
      const started = epoch;
      try {
        const verdict = await unwrap(api.review.decide({ sampleId: item.sampleId, classId, basedOn: item.version, annotator: by() }));
        if (started !== epoch) return;
        patch((t) => ({ verdicts: [verdict, ...t.verdicts].slice(0, 20) }));
        await get().loadReview();
      } catch (error) {
        get().showError(error, 'The verdict was not recorded');
      }
    },

    async undoVerdict(seq) {
      try {
        const { undo, changedSince } = await unwrap(api.labels.undo({ seq, annotator: by() }));
        if (changedSince) return get().notify('info', changedSince.message);
        if (undo) patch((t) => ({ verdicts: t.verdicts.filter((v) => v.seq !== seq) }));
        await get().loadReview();
      } catch (error) {
        get().showError(error, 'Undo failed');
      }
    },

    resetTeam() {
      epoch += 1;
      set({ team: initial });
    },
  };
};
