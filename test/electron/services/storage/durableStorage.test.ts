import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DurableJsonFile } from '../../../../electron/services/storage/DurableJsonFile';
import { DurableDocument } from '../../../../electron/services/storage/DurableDocument';
import { AppendJournal, JournalShortError } from '../../../../electron/services/storage/AppendJournal';
import { writeFileDurably } from '../../../../electron/services/storage/durableWrite';
import { tempDir } from '../../../helpers/tempProject';

const docSchema = z.strictObject({ version: z.number(), items: z.array(z.string()) });
const parse = (j: unknown) => docSchema.parse(j);
type Doc = z.infer<typeof docSchema>;

async function documentWithGenerations(dir: string, versions: number): Promise<string> {
  const file = join(dir, 'doc.json');
  const adapter = new DurableJsonFile<Doc>(file, parse, { label: 'doc.json' });
  for (let v = 1; v <= versions; v++) await adapter.write({ version: v, items: Array.from({ length: v }, (_, i) => `item ${i + 1}`) });
  return file;
}

describe('durable documents', () => {
  it('a write replaces the file whole and leaves no temp files behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFileDurably(file, '{"a":1}');
    await writeFileDurably(file, '{"a":2}');
    expect(await readFile(file, 'utf8')).toBe('{"a":2}');
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('keeps the last three generations, the current one included, each with its checksum', async () => {
    const dir = await tempDir();
    const file = await documentWithGenerations(dir, 5);
    expect((await readdir(dir)).sort()).toEqual(['doc.json', 'doc.json.1', 'doc.json.2']);
    const generations = await Promise.all(['doc.json', 'doc.json.1', 'doc.json.2'].map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8'))));
    expect(generations.map((g) => [g.generation, g.data.version])).toEqual([
      [5, 5],
      [4, 4],
      [3, 3],
    ]);
    expect(generations[0].crc32c).toMatch(/^[0-9a-f]{8}$/);
    const adapter = new DurableJsonFile<Doc>(file, parse);
    expect(await adapter.read()).toEqual({ version: 5, items: ['item 1', 'item 2', 'item 3', 'item 4', 'item 5'] });
    expect(adapter.notices).toEqual([]);
  });

  it('a damaged document is restored from the newest good generation, and the notice says what differs', async () => {
    const dir = await tempDir();
    const file = await documentWithGenerations(dir, 3);
    await writeFile(file, '{"studioDocument":1,"generation":3,"savedAt":"x","crc32c":"00000000","data":{"version": 3, "items": ["sec'); // torn
    const adapter = new DurableJsonFile<Doc>(file, parse, { label: 'doc.json' });
    expect(await adapter.read()).toEqual({ version: 2, items: ['item 1', 'item 2'] });
    expect(adapter.notices[0].message).toMatch(/^doc.json was damaged \(not valid JSON\); restored generation 2, saved .* from doc.json.1\. Anything saved after that generation is not in it\. The damaged file was kept as doc.json.damaged-/);
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('doc.json.damaged-'))).toHaveLength(1);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ generation: 3, data: { version: 2 } });
  });

  it('bytes pasted into a document that still parse (a duplicate key) fail the checksum; the notice compares', async () => {
    const dir = await tempDir();
    const file = await documentWithGenerations(dir, 2);
    const text = await readFile(file, 'utf8');
    // Merges two values through a duplicate key: valid JSON, a different document.
    await writeFile(file, text.replace('"item 1",', '"item 1","zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",'));
    expect(JSON.parse(await readFile(file, 'utf8')).data.items).toHaveLength(3);
    const adapter = new DurableJsonFile<Doc>(file, parse, { label: 'doc.json' });
    expect(await adapter.read()).toEqual({ version: 1, items: ['item 1'] });
    expect(adapter.notices[0].message).toMatch(/checksum mismatch/);
    expect(adapter.notices[0].message).toMatch(/Compared with the damaged file: version differs; items: 1 in the restored version, 3 in the damaged file\./);
  });

  it('a document with a key its schema does not know is damaged, not silently trimmed', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFile(file, JSON.stringify({ version: 1, items: [], extra: true })); // a document from before checksums
    await expect(new DurableJsonFile<Doc>(file, parse, { label: 'doc.json' }).read()).rejects.toThrow(/doc.json is damaged \(not a valid document: record: Unrecognized key/);
  });

  it('a document from before checksums and its .bak still open, and become generations', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFile(file, JSON.stringify({ version: 2, items: ['b'] }));
    await writeFile(`${file}.bak`, JSON.stringify({ version: 1, items: ['a'] }));
    const adapter = new DurableJsonFile<Doc>(file, parse);
    expect(await adapter.read()).toEqual({ version: 2, items: ['b'] });
    await adapter.write({ version: 3, items: ['c'] });
    expect((await readdir(dir)).sort()).toEqual(['doc.json', 'doc.json.1', 'doc.json.2']);
    expect(JSON.parse(await readFile(`${file}.2`, 'utf8'))).toEqual({ version: 1, items: ['a'] });
  });

  it('a damaged document without any good generation fails with a message naming where it was kept', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFile(file, 'garbage');
    await expect(new DurableJsonFile(file, parse, { label: 'doc.json' }).read()).rejects.toThrow(/doc.json is damaged .* moved to doc.json.damaged-/);
  });

  it('concurrent writes never interleave: the last one wins', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    const adapter = new DurableJsonFile<Doc>(file, parse);
    await Promise.all(Array.from({ length: 20 }, (_, i) => adapter.write({ version: i, items: [String(i)] })));
    expect(JSON.parse(await readFile(file, 'utf8')).data).toEqual({ version: 19, items: ['19'] });
  });

  it('a change that would break the schema is refused and leaves the document as it was', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    const doc = await DurableDocument.create(new DurableJsonFile<Doc>(file, parse), { version: 1, items: [] }, 'not created');
    await expect(doc.update((d) => Object.assign(d, { junk: 1 }), 'The junk was not added.')).rejects.toThrow(/would make doc.json invalid/);
    expect(doc.data).toEqual({ version: 1, items: [] });
    expect(JSON.parse(await readFile(file, 'utf8')).data).toEqual({ version: 1, items: [] });
  });
});

describe('append journal', () => {
  const entry = z.strictObject({ n: z.number() });
  const open = (path: string, extra = {}) => AppendJournal.open(path, { parse: (j) => entry.parse(j), label: 'log.jsonl', ...extra });

  it('keeps every acknowledged entry; an interrupted last append is kept aside, not lost', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    const { journal } = await open(path);
    await Promise.all(Array.from({ length: 50 }, (_, n) => journal.append({ n })));
    await journal.close();
    expect((await readFile(path, 'utf8')).split('\n')[0]).toMatch(/^[0-9a-f]{8} \{"n":0\}$/);
    await appendFile(path, '9a8b7c6d {"n": 99'); // the process died mid-write: never acknowledged

    const reopened = await open(path);
    expect(reopened.entries.map((e) => e.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(reopened.journal.notices).toEqual([{ level: 'info', message: expect.stringMatching(/log.jsonl ended in an unfinished write \(17 bytes, never confirmed as saved\); it was kept in log.jsonl.damaged/) }]);
    expect(await readFile(`${path}.damaged`, 'utf8')).toMatch(/# unfinished last write .*\n9a8b7c6d \{"n": 99\n$/);
    await reopened.journal.append({ n: 50 });
    await reopened.journal.close();
    const again = await open(path);
    expect(again.entries).toHaveLength(51);
    expect(again.journal.notices).toEqual([]);
    await again.journal.close();
  });

  it('a damaged line in the middle is moved to .damaged with its line number and reason, and the rest kept', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    const { journal } = await open(path);
    for (let n = 1; n <= 3; n++) await journal.append({ n });
    await journal.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"n":2', '"n":7'); // a flipped digit: still valid JSON
    await writeFile(path, lines.join('\n'));

    const { entries, journal: reopened } = await open(path);
    expect(entries.map((e) => e.n)).toEqual([1, 3]);
    expect(reopened.notices[0].message).toBe('1 damaged line(s) in log.jsonl (line 2: checksum mismatch) were moved to log.jsonl.damaged; the other 2 record(s) are intact.');
    expect(await readFile(`${path}.damaged`, 'utf8')).toMatch(/^# line 2 \(checksum mismatch\), set aside .*\n[0-9a-f]{8} \{"n":7\}\n$/);
    await reopened.close();
    const again = await open(path);
    expect(again.journal.notices).toEqual([]); // said once: the line is aside now
    await again.journal.close();
  });

  it('a complete last line missing only its newline is kept', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    const { journal } = await open(path);
    await journal.append({ n: 1 });
    await journal.append({ n: 2 });
    await journal.close();
    await writeFile(path, (await readFile(path, 'utf8')).trimEnd());
    const reopened = await open(path);
    expect(reopened.entries).toEqual([{ n: 1 }, { n: 2 }]);
    await reopened.journal.append({ n: 3 });
    await reopened.journal.close();
    expect((await open(path)).entries).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('lines from before checksums still open', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    await writeFile(path, '{"n":1}\n{"n":2}\n');
    const { entries, journal } = await open(path);
    expect(entries).toEqual([{ n: 1 }, { n: 2 }]);
    await journal.append({ n: 3 });
    await journal.close();
    expect((await open(path)).entries).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('a journal holding fewer records than expected is refused unless the loss is accepted', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    await expect(open(path, { expected: 3 })).rejects.toBeInstanceOf(JournalShortError);
    expect(await readdir(dir)).toEqual([]); // nothing created
    const accepted = await open(path, { expected: 3, acceptLoss: true });
    expect(accepted.journal.loss).toEqual({ found: 0, expected: 3 });
    await accepted.journal.close();
  });

  it('refuses appends after close', async () => {
    const dir = await tempDir();
    const { journal } = await open(join(dir, 'x.jsonl'));
    await journal.close();
    await expect(journal.append({ n: 1 })).rejects.toThrow(/closed/);
  });
});

describe('reading a journal another process is writing', () => {
  it("a read-only reader never cuts off the writer's append in flight", async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    await writeFile(path, '{"n":1}\n{"n":2'); // the writer is mid-append
    const { entries } = await AppendJournal.read(path, (j) => z.object({ n: z.number() }).parse(j));
    expect(entries).toEqual([{ n: 1 }]);
    expect(await readFile(path, 'utf8')).toBe('{"n":1}\n{"n":2');
    expect((await AppendJournal.read(join(dir, 'missing.jsonl'), (j) => j)).entries).toEqual([]);
    expect(await readdir(dir)).toEqual(['log.jsonl']); // nothing created
  });
});
