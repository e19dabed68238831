import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName, RequestOf, ResponseOf } from '../../../../shared/contract';
import type { RequestContext } from '../../../../electron/services/rpc/HandlerRegistry';
import { openClientSession } from '../../../../electron/services/rpc/clientSession';
import { defaultLeaseMs } from '../../../../electron/services/queue/LeaseBook';
import { loopStudio, type LoopStudio } from '../loop/loopStudio';

// Several people at one queue: each browser tab is a client with its own name; the clock
// that leases run on is the test's.

let now = 1_000_000;
let studio: LoopStudio;
beforeAll(async () => {
  studio = await loopStudio({ queue: { clock: () => now } });
});
afterEach(() => studio.call('project:close', {}));
afterAll(() => studio.close());

/** A browser tab: a bridge client that says who is labeling. */
function tab(annotator: string) {
  const client = openClientSession();
  const context: RequestContext = { transport: 'bridge', client: client.session };
  const ask = async <K extends RequestName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> => {
    const result = await studio.registry.dispatch(channel, { ...(request as object), annotator }, context);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
    return result.value as never;
  };
  return { ask, close: client.end, annotator };
}

const idsOf = (items: { sampleId: string }[]) => items.map((i) => i.sampleId);
const noHeldOut = { minTestLabelsPerClass: 0, minValLabelsPerClass: 0, autoRetrain: false };

describe('leases: no double work', () => {
  it('two annotators asking for the next 20 images each are handed no image in common', async () => {
    await studio.open({ perClass: 20, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', noHeldOut);
    const [alice, bob] = [tab('alice'), tab('bob')];
    const [a, b] = await Promise.all([alice.ask('queue:next', { count: 20 }), bob.ask('queue:next', { count: 20 })]);
    expect(a).toHaveLength(20);
    expect(b.length).toBeGreaterThan(0);
    expect(idsOf(a).filter((id) => idsOf(b).includes(id))).toEqual([]);
    // and a refill keeps it so: alice's next ones are not bob's either
    const more = await alice.ask('queue:next', { count: 20, exclude: idsOf(a) });
    expect(idsOf(more).filter((id) => idsOf(b).includes(id))).toEqual([]);
    expect(a.every((item) => typeof item.version === 'number')).toBe(true);
  });

  it("an image left unrenewed past the lease goes to someone else; one kept on screen (held) does not", async () => {
    await studio.open({ perClass: 4, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', noHeldOut);
    const [alice, bob] = [tab('alice'), tab('bob')];
    const mine = idsOf(await alice.ask('queue:next', { count: 3 }));
    now += defaultLeaseMs / 2;
    await alice.ask('queue:hold', { sampleIds: [mine[0]] });
    now += defaultLeaseMs / 2 + 1;
    const theirs = idsOf(await bob.ask('queue:next', { count: 20 }));
    expect(theirs).not.toContain(mine[0]);
    expect(theirs).toEqual(expect.arrayContaining(mine.slice(1)));
    const held = await alice.ask('queue:hold', { sampleIds: mine });
    expect(held.held).toEqual([mine[0]]);
    expect(held.takenBy.map((t) => t.annotator)).toEqual(['bob', 'bob']);
  });

  it("closing a tab gives its images back at once, and so does releasing them", async () => {
    await studio.open({ perClass: 3, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', noHeldOut);
    const [alice, bob, carol] = [tab('alice'), tab('bob'), tab('carol')];
    const all = idsOf(await alice.ask('queue:next', { count: 20 }));
    expect(await bob.ask('queue:next', { count: 20 })).toEqual([]);
    await alice.ask('queue:release', { sampleIds: all.slice(0, 1) });
    expect(idsOf(await bob.ask('queue:next', { count: 20 }))).toEqual(all.slice(0, 1));
    alice.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(idsOf(await carol.ask('queue:next', { count: 20 }))).toEqual(all.slice(1));
  });

  it('a decision gives the image back: a skipped image can come round again to others', async () => {
    await studio.open({ perClass: 2, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', noHeldOut);
    const [alice, bob] = [tab('alice'), tab('bob')];
    const all = idsOf(await alice.ask('queue:next', { count: 20 }));
    await alice.ask('labels:skip', { sampleId: all[0] });
    const later = await bob.ask('queue:next', { count: 20 });
    expect(later.map((i) => [i.sampleId, i.reason.note])).toEqual([[all[0], 'skipped earlier']]);
  });

  it('a browser tab that does not say who is labeling is refused, not labeled as the studio’s OS user', async () => {
    const fixture = await studio.open({ perClass: 2, classes: ['red', 'blue'] });
    const result = await studio.registry.dispatch('labels:set', { sampleId: fixture.samples[0].id, classId: fixture.project.doc.classes[0].id }, { transport: 'bridge' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'This request does not say who is labeling.' } });
    expect(fixture.project.labels.book.lastSeq).toBe(0);
  });
});

describe('overlap: a second independent answer', () => {
  it('with overlap on, images alice labeled come to bob first, without her label or the model’s suggestion, and his answer is a second opinion', async () => {
    const fixture = await studio.open({ perClass: 20, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', noHeldOut);
    await studio.call('team:set-overlap', { rate: 0.5 });
    const [alice, bob] = [tab('alice'), tab('bob')];
    const red = fixture.project.doc.classes[0].id;
    const blue = fixture.project.doc.classes[1].id;
    const hers = await alice.ask('queue:next', { count: 16 });
    for (const item of hers) await alice.ask('labels:set', { sampleId: item.sampleId, classId: red, basedOn: item.version });
    const team = await studio.call('team:get', {});
    expect(team.overlap.samples).toBeGreaterThan(0);
    const overlapOfHers = hers.filter((item) => fixture.project.labels.book.answersOf(item.sampleId).length === 1 && team.overlap.samples > 0);

    const his = await bob.ask('queue:next', { count: 40 });
    const seconds = his.filter((item) => item.secondOpinion);
    expect(seconds.length).toBeGreaterThan(0);
    expect(seconds.every((item) => item.top.length === 0 && item.reason.strategy === 'second-opinion')).toBe(true);
    expect(idsOf(seconds).every((id) => idsOf(overlapOfHers).includes(id))).toBe(true);
    expect(idsOf(his.slice(0, seconds.length))).toEqual(idsOf(seconds)); // they come first

    const answer = await bob.ask('labels:set', { sampleId: seconds[0].sampleId, classId: blue, basedOn: seconds[0].version });
    expect(answer.secondOpinion).toBe(true);
    expect(fixture.project.labels.stateOf(seconds[0].sampleId)).toMatchObject({ classId: red, annotator: 'alice', needsReview: 'disagreement' });
    // alice never gets her own overlap images back for a second opinion
    const again = await alice.ask('queue:next', { count: 40 });
    expect(again.some((item) => item.secondOpinion)).toBe(false);
    expect((await studio.call('team:get', {})).overlap.answered).toBe(1);
  });
});
