import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import { StrategyRegistry, createStrategyRegistry, query, strategies, type CandidatePool } from '../../../../electron/worker/acquisition/index';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { marginStrategy } from '../../../../electron/worker/acquisition/strategies/margin';

const classNames = ['Shirt', 'T-shirt/top'];

/**
 * Twenty candidates in two far-apart groups of near-copies. The head is most unsure about
 * group A (margin ≈ 0.0x), a little less about group B (margin ≈ 0.1).
 */
function twoGroups(): CandidatePool {
  const random = seededRandom(1);
  const embeddings = new Float32Array(20 * 2);
  const probabilities = new Float32Array(20 * 2);
  for (let i = 0; i < 20; i++) {
    const groupB = i >= 10;
    embeddings[i * 2] = (groupB ? 10 : 0) + random.normal() * 0.01;
    embeddings[i * 2 + 1] = (groupB ? 10 : 0) + random.normal() * 0.01;
    const top = groupB ? 0.55 + i * 0.001 : 0.51 + i * 0.001;
    probabilities.set([top, 1 - top], i * 2);
  }
  return { count: 20, embeddings, dim: 2, numClasses: 2, classNames, probabilities };
}

describe('query strategies', () => {
  it('margin takes the most torn samples and says between which classes', async () => {
    const picks = await query(marginStrategy, twoGroups(), { seed: 1, n: 2 });
    expect(picks.map((p) => p.index)).toEqual([0, 1]);
    expect(picks[0]).toMatchObject({ strategy: 'margin', note: 'margin 0.02 between Shirt and T-shirt/top' });
    expect(picks[0].score).toBeCloseTo(0.98, 5);
  });

  it('the hybrid does not fill a batch with near-copies: one pick per group', async () => {
    const picks = await query(strategies.get('hybrid'), twoGroups(), { seed: 1, n: 2 });
    const groups = picks.map((p) => (p.index >= 10 ? 'B' : 'A')).sort();
    expect(groups).toEqual(['A', 'B']);
    expect(picks[0].note).toMatch(/^margin 0\.\d\d between Shirt and T-shirt\/top; one of a spread-out batch$/);
  });

  it('BADGE starts from the largest gradient and takes the next pick from the other group', async () => {
    // Group B sits at (10, 10): its gradients are about 200 times longer than group A's.
    const picks = await query(strategies.get('badge'), twoGroups(), { seed: 1, n: 2 });
    expect(picks.map((p) => (p.index >= 10 ? 'B' : 'A'))).toEqual(['B', 'A']);
    expect(picks[0].score).toBeGreaterThan(picks[1].score);
    expect(picks[1].note).toMatch(/^gradient 0\.\d\d \(Shirt 0\.5\d and T-shirt\/top 0\.4\d\); one of a varied batch$/);
  });

  it('k-center picks the candidate farthest from what is already labeled', async () => {
    const pool = { ...twoGroups(), labeled: { embeddings: Float32Array.from([0, 0]), count: 1 } };
    const picks = await query(strategies.get('k-center'), pool, { seed: 1, n: 1 });
    expect(picks[0].index).toBeGreaterThanOrEqual(10);
    expect(picks[0].note).toMatch(/far from labeled samples/);
  });

  it('cold start needs no model and covers both groups', async () => {
    const { probabilities: _unused, ...withoutModel } = twoGroups();
    const picks = await query(strategies.get('cold-start'), withoutModel, { seed: 1, n: 2 });
    expect(picks.map((p) => (p.index >= 10 ? 'B' : 'A')).sort()).toEqual(['A', 'B']);
    expect(picks[0].note).toBe('typical of a cluster of about 10 samples');
  });

  it('random is reproducible per seed and never repeats a pick', async () => {
    const pool = twoGroups();
    const a = await query(strategies.get('random'), pool, { seed: 5, n: 8 });
    const b = await query(strategies.get('random'), pool, { seed: 5, n: 8 });
    const c = await query(strategies.get('random'), pool, { seed: 6, n: 8 });
    expect(a.map((p) => p.index)).toEqual(b.map((p) => p.index));
    expect(a.map((p) => p.index)).not.toEqual(c.map((p) => p.index));
    expect(new Set(a.map((p) => p.index)).size).toBe(8);
  });

  it('BALD reads MC-dropout passes chunk by chunk and ranks disagreement first', async () => {
    const pool = twoGroups();
    const requested: [number, number][] = [];
    // Two passes: candidate 7's passes disagree completely, every other candidate's agree.
    pool.mcDropout = {
      passes: 2,
      sample: (x, rows) => {
        // Candidate i sits at embeddings (i·2): the chunk's first row says where it starts.
        const start = pool.embeddings.indexOf(x[0]) / 2;
        requested.push([start, rows]);
        const out = new Float32Array(2 * rows * 2).fill(0.5);
        if (start <= 7 && 7 < start + rows) {
          out.set([1, 0], (7 - start) * 2);
          out.set([0, 1], (rows + 7 - start) * 2);
        }
        return out;
      },
    };
    const picks = await query(strategies.get('bald'), pool, { seed: 1, n: 1 });
    expect(picks[0].index).toBe(7);
    expect(picks[0].score).toBeCloseTo(Math.LN2, 5);
    expect(requested).toEqual([[0, 20]]);
  });

  it('a model-based strategy before any model exists is refused with a way forward', async () => {
    const { probabilities: _unused, ...withoutModel } = twoGroups();
    const error = await query(marginStrategy, withoutModel, { seed: 1, n: 2 }).catch((e) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error.code).toBe('unsupported');
    expect(error.hint).toMatch(/cold-start/);
  });

  it('the registry refuses duplicate names and lists the known ones for a typo', () => {
    expect(() => new StrategyRegistry().register(marginStrategy).register(marginStrategy)).toThrow(/already registered/);
    expect(() => strategies.get('margn')).toThrow(/Unknown query strategy "margn"/);
    expect(createStrategyRegistry().names()).toEqual(['random', 'least-confidence', 'margin', 'entropy', 'bald', 'k-center', 'hybrid', 'badge', 'cold-start']);
  });
});
