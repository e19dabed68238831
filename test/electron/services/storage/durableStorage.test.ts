import { describe, expect, it } from 'vitest';
import { readFile, writeFile, readdir, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Low } from 'lowdb';
import { DurableJsonFile } from '../../../../electron/services/storage/DurableJsonFile';
import { AppendJournal } from '../../../../electron/services/storage/AppendJournal';
import { writeFileDurably } from '../../../../electron/services/storage/durableWrite';
import { tempDir } from '../../../helpers/tempProject';

const docSchema = z.object({ version: z.number(), items: z.array(z.string()) });
const parse = (j: unknown) => docSchema.parse(j);

describe('durable documents', () => {
  it('a write replaces the file whole and leaves no temp files behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFileDurably(file, '{"a":1}');
    await writeFileDurably(file, '{"a":2}', `${file}.bak`);
    expect(await readFile(file, 'utf8')).toBe('{"a":2}');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{"a":1}');
    expect((await readdir(dir)).sort()).toEqual(['doc.json', 'doc.json.bak']);
  });

  it('a damaged document is restored from its last good backup and the user is told', async () => {
    const dir = await tempDir();
    const file = join(dir, 'studio.json');
    const db = new Low(new DurableJsonFile(file, parse, 'studio.json'), { version: 1, items: [] as string[] });
    db.data.items.push('first');
    await db.write();
    db.data.items.push('second');
    await db.write();
    await writeFile(file, '{"version": 1, "items": ["sec'); // torn by a crash or a bad disk

    const adapter = new DurableJsonFile(file, parse, 'studio.json');
    const recovered = await adapter.read();
    expect(recovered).toEqual({ version: 1, items: ['first'] });
    expect(adapter.notices[0].message).toMatch(/studio.json was damaged \(not valid JSON\); restored the last good version/);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('studio.json.damaged-'))).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, items: ['first'] });
  });

  it('a document that parses but breaks the schema counts as damaged', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFileDurably(file, JSON.stringify({ version: 1, items: ['ok'] }));
    await writeFileDurably(file, JSON.stringify({ version: 'x' }), `${file}.bak`);
    const adapter = new DurableJsonFile(file, parse);
    expect(await adapter.read()).toEqual({ version: 1, items: ['ok'] });
    expect(adapter.notices[0].message).toMatch(/not a valid document/);
  });

  it('a damaged document without a backup fails with a message naming where it was kept', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    await writeFile(file, 'garbage');
    await expect(new DurableJsonFile(file, parse, 'doc.json').read()).rejects.toThrow(/doc.json is damaged .* moved to .*damaged-/);
  });

  it('concurrent writes never interleave: the last one wins', async () => {
    const dir = await tempDir();
    const file = join(dir, 'doc.json');
    const adapter = new DurableJsonFile(file, parse);
    await Promise.all(Array.from({ length: 20 }, (_, i) => adapter.write({ version: i, items: [String(i)] })));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 19, items: ['19'] });
  });
});

describe('append journal', () => {
  const entry = z.object({ n: z.number() });

  it('keeps every acknowledged entry and drops a torn last line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    const { journal } = await AppendJournal.open(path, (j) => entry.parse(j));
    await Promise.all(Array.from({ length: 50 }, (_, n) => journal.append({ n })));
    await journal.close();
    await appendFile(path, '{"n": 99'); // the process died mid-write: never acknowledged

    const reopened = await AppendJournal.open(path, (j) => entry.parse(j));
    expect(reopened.entries.map((e) => e.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    await reopened.journal.append({ n: 50 });
    await reopened.journal.close();
    const again = await AppendJournal.open(path, (j) => entry.parse(j));
    expect(again.entries).toHaveLength(51);
    expect(again.journal.notices).toEqual([]);
    await again.journal.close();
  });

  it('skips a damaged line in the middle and says so', async () => {
    const dir = await tempDir();
    const path = join(dir, 'log.jsonl');
    await writeFile(path, '{"n":1}\n{"n":\n{"n":3}\n');
    const { entries, journal } = await AppendJournal.open(path, (j) => entry.parse(j));
    expect(entries.map((e) => e.n)).toEqual([1, 3]);
    expect(journal.notices[0].message).toMatch(/1 damaged line/);
    await journal.close();
  });

  it('refuses appends after close', async () => {
    const dir = await tempDir();
    const { journal } = await AppendJournal.open(join(dir, 'x.jsonl'), (j) => entry.parse(j));
    await journal.close();
    await expect(journal.append({ n: 1 })).rejects.toThrow(/closed/);
  });
});

describe('reading a journal another process is writing', () => {
  it('a read-only reader never cuts off the writer\'s append in flight', async () => {
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
