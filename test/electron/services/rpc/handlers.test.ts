import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { contract, type RequestName } from '../../../../shared/contract';
import { fakeSample } from '../../../helpers/tempProject';
import { testStudio } from '../../../helpers/studio';

describe('request validation in main', () => {
  const badRequests: [string, string, unknown, RegExp][] = [
    ['labels:set', 'no payload', null, /Invalid labels:set request/],
    ['labels:set', 'a path as sample id', { sampleId: '../../etc/passwd', classId: 'c_1' }, /sampleId/],
    ['labels:set', 'negative seconds', { sampleId: 'a', classId: 'b', seconds: -5 }, /seconds/],
    ['labels:set', 'an unknown key', { sampleId: 'a', classId: 'b', extra: true }, /Unrecognized key/i],
    ['labels:set', 'a string payload', 'a string', /expected object/i],
    ['labels:set', 'a view that does not exist', { sampleId: 'a', classId: 'b', via: 'oracle' }, /via/],
    ['labels:flag', 'a view given as a path', { sampleId: 'a', flagged: true, via: '../drill-down' }, /via/],
    ['labels:history', 'a huge limit', { limit: 1e9 }, /limit/],
    ['project:open', 'a relative path', { dir: 'relative/path' }, /an absolute path/],
    ['project:open', 'a NUL byte in the path', { dir: '/tmp/\0evil' }, /NUL/],
    ['project:create', 'a comma in a class name', { dir: '/tmp/x', classes: [{ name: 'a,b' }] }, /without commas/],
    ['classes:create', 'a 500-character name', { name: 'x'.repeat(500) }, /name/],
    ['classes:create', 'the skip key as shortcut', { name: 'ok', key: 's' }, /taken by skip/],
    ['classes:create', 'the retrain key as shortcut', { name: 'ok', key: 'T' }, /retrain/],
    ['import:start', 'no sources', { sources: [] }, /sources/],
    ['samples:list', 'a page of 5000', { limit: 5000 }, /limit/],
    ['queue:next', '1000 excluded ids', { exclude: new Array(1000).fill('a') }, /exclude/],
    ['queue:next', 'a count of 0', { count: 0 }, /count/],
    ['queue:hold', 'a path as sample id', { sampleIds: ['../x'] }, /sampleIds/],
    ['queue:release', '1000 ids', { sampleIds: new Array(1000).fill('a') }, /sampleIds/],
    ['labels:set', 'a negative version', { sampleId: 'a', classId: 'b', basedOn: -1 }, /basedOn/],
    ['labels:undo', 'a fractional seq', { seq: 1.5 }, /seq/],
    ['team:set-role', 'an unknown role', { name: 'rita', role: 'boss' }, /role/],
    ['team:set-role', 'an empty name', { name: '  ', role: 'reviewer' }, /name/],
    ['team:set-overlap', 'an overlap of 80 %', { rate: 0.8 }, /rate/],
    ['review:decide', 'no class', { sampleId: 'a' }, /classId/],
    ['review:queue', 'a page of 5000', { limit: 5000 }, /limit/],
    ['models:list', 'an unknown key', { all: true }, /Unrecognized key/i],
    ['models:capabilities', 'a string payload', 'gpu', /expected object/i],
    ['models:download', 'a path as backbone id', { backboneId: '../../etc/passwd' }, /backbone id/],
    ['models:cancel-download', 'no backbone id', {}, /backboneId/],
    ['models:add-local', 'a relative model path', { path: 'model.onnx', card: {} }, /an absolute path/],
    ['models:add-local', 'a card without fields', { path: '/tmp/model.onnx', card: { id: 'x' } }, /card/],
    ['training:start', 'negative epochs', { head: { epochs: -1 } }, /epochs/],
    ['training:start', 'an unknown head kind', { head: { kind: 'cnn' } }, /kind/],
    ['training:start', 'an upper-case backbone id', { backboneId: 'ResNet' }, /backbone id/],
    ['training:start', 'an unknown key', { gpu: true }, /Unrecognized key/i],
    ['training:cancel', 'a path as run id', { runId: '../runs.json' }, /runId/],
    ['runs:get', 'no id', {}, /id/],
    ['runs:list', 'an unknown key', { newest: 5 }, /Unrecognized key/i],
    ['loop:settings', 'an unknown key', { strategy: 'margin' }, /Unrecognized key/i],
    ['loop:update-settings', 'a batch of 0', { batchSize: 0 }, /batchSize/],
    ['loop:update-settings', 'a fractional retrain interval', { retrainEvery: 2.5 }, /retrainEvery/],
    ['loop:update-settings', 'a CNN head', { head: 'cnn' }, /head/],
    ['loop:update-settings', 'a 500-character strategy name', { strategy: 'x'.repeat(500) }, /strategy/],
    ['loop:update-settings', 'an unknown key', { rounds: [] }, /Unrecognized key/i],
    ['loop:strategies', 'a string payload', 'all', /expected object/i],
    ['loop:status', 'an unknown key', { verbose: true }, /Unrecognized key/i],
    ['loop:rounds', 'an unknown key', { since: 3 }, /Unrecognized key/i],
    ['loop:refresh-queue', 'an unknown key', { strategy: 'margin' }, /Unrecognized key/i],
    ['splits:report', 'an unknown key', { class: 'cat' }, /Unrecognized key/i],
    ['dataset:export-labels', 'an unknown format', { format: 'coco', out: '/tmp/x.json' }, /format/],
    ['dataset:export-labels', 'a relative destination', { format: 'csv', out: '../labels.csv' }, /an absolute path/],
    ['dataset:export-labels', 'a NUL byte in the destination', { format: 'csv', out: '/tmp/\0x.csv' }, /NUL/],
    ['dataset:cancel-export', 'an unknown key', { all: true }, /Unrecognized key/i],
    ['evaluate:report', 'a path as run id', { runId: '../runs.json' }, /runId/],
    ['evaluate:failures', 'the train split', { splits: ['train'] }, /splits/],
    ['evaluate:failures', 'a limit of 10,000', { limit: 10_000 }, /limit/],
    ['evaluate:compare', 'one run only', { runId: 'run-1' }, /baseRunId/],
    ['samples:list', 'nine conditions', { filter: { where: new Array(9).fill({ kind: 'changed', runId: 'a', baseRunId: 'b', change: 'any' }) } }, /where/],
    ['samples:list', 'a confidence above 1', { filter: { where: [{ kind: 'prediction', runId: 'a', confidence: { max: 2 } }] } }, /max/],
    ['samples:list', 'a sort without its run', { sort: { by: 'margin' } }, /runId/],
    ['samples:list', 'an unknown data check', { filter: { where: [{ kind: 'blurry' }] } }, /kind/],
    ['samples:list', 'a data check with ids smuggled in', { filter: { where: [{ kind: 'map-selection', ids: ['a'] }] } }, /Unrecognized key/i],
    ['samples:list', 'a data-check order without its check', { sort: { by: 'data-check' } }, /check/],
  ];

  it.each(badRequests)('%s refuses %s with a clear invalid-request error', async (channel, _what, payload, message) => {
    const studio = await testStudio();
    const result = await studio.registry.dispatch(channel, payload, { transport: 'test' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toMatch(message);
    }
  });

  it('unknown channels and event names are refused, not dispatched', async () => {
    const studio = await testStudio();
    for (const channel of ['nope', 'project:changed', '__proto__', 'constructor', 42]) {
      const result = await studio.registry.dispatch(channel, {}, { transport: 'test' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('every request channel except the native dialog has a handler in browser mode', async () => {
    const studio = await testStudio();
    const requests = (Object.keys(contract) as RequestName[]).filter((c) => contract[c].kind === 'request');
    const missing = requests.filter((c) => !studio.registry.has(c) && c !== 'project:choose-folder');
    expect(missing).toEqual([]);
  });

  it('asks for a project before project work, with a hint', async () => {
    const studio = await testStudio();
    const result = await studio.registry.dispatch('project:status', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'no-project', hint: 'Create or open a project first.' } });
  });
});

describe('project, class and label handlers', () => {
  it('create → label → undo → history through the same dispatch the UI uses', async () => {
    const studio = await testStudio();
    const summary = await studio.call('project:create', { dir: join(studio.root, 'p'), classes: [{ name: 'cat' }, { name: 'dog' }] });
    await studio.host.requireProject().samples.add([fakeSample(1), fakeSample(2)]);
    const [cat, dog] = summary.classes;
    const changes: unknown[] = [];
    studio.events.subscribe((channel, payload) => changes.push([channel, payload]));

    const decision = await studio.call('labels:set', { sampleId: fakeSample(1).id, classId: cat.id, seconds: 2, annotator: 'ana' });
    expect(decision.after.classId).toBe(cat.id);
    expect(changes).toContainEqual(['project:changed', { what: ['labels'] }]);
    await studio.call('labels:set', { sampleId: fakeSample(2).id, classId: dog.id, annotator: 'ana' });
    const { undo } = await studio.call('labels:undo', { annotator: 'ana' });
    expect(undo?.sampleId).toBe(fakeSample(2).id);
    const history = await studio.call('labels:history', {});
    expect(history.map((d) => d.kind)).toEqual(['undo', 'label', 'label']);
    const next = await studio.call('queue:next', { count: 5 });
    expect(next.map((q) => q.sampleId)).toEqual([fakeSample(2).id]);
  });

  it('labeling with a class that does not exist is refused and changes nothing', async () => {
    const studio = await testStudio();
    await studio.call('project:create', { dir: join(studio.root, 'p'), classes: [{ name: 'cat' }] });
    await studio.host.requireProject().samples.add([fakeSample(1)]);
    const result = await studio.registry.dispatch('labels:set', { sampleId: fakeSample(1).id, classId: 'c_missing' }, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await studio.call('labels:history', {})).toEqual([]);
  });

  it('class rename to a taken name or key is refused with the conflict named', async () => {
    const studio = await testStudio();
    const { classes } = await studio.call('project:create', { dir: join(studio.root, 'p'), classes: [{ name: 'cat' }, { name: 'dog' }] });
    const byName = await studio.registry.dispatch('classes:update', { id: classes[1].id, name: 'CAT' }, { transport: 'test' });
    expect(byName).toMatchObject({ ok: false, error: { code: 'conflict', message: 'A class named "CAT" already exists.' } });
    const byKey = await studio.registry.dispatch('classes:update', { id: classes[1].id, key: '1' }, { transport: 'test' });
    expect(byKey).toMatchObject({ ok: false, error: { message: 'The key "1" already selects "cat".' } });
  });

  it('recent projects remember what was opened; app info reports first run until then', async () => {
    const studio = await testStudio();
    expect((await studio.call('app:info', {})).firstRun).toBe(true);
    await studio.call('project:create', { dir: join(studio.root, 'p1') });
    await studio.call('project:create', { dir: join(studio.root, 'p2') });
    const recent = await studio.call('project:recent', {});
    expect(recent.map((r) => r.name)).toEqual(['p2', 'p1']);
    expect(recent.every((r) => r.exists)).toBe(true);
    expect((await studio.call('app:info', {})).firstRun).toBe(false);
  });
});
