import { dirname } from 'node:path';
import type { StorageFs } from './fileSystem';
import { writeFileDurably } from './durableWrite';
import type { JournalScan } from './journalLines';

/**
 * Appends the damaged lines and an interrupted last write to `<journal>.damaged`, each after
 * a `#` line saying where it was and why, and makes that durable before the journal is
 * touched: a damaged line is kept, never silently dropped.
 */
export async function keepAside(fs: StorageFs, asidePath: string, scan: JournalScan<unknown>): Promise<void> {
  const at = new Date().toISOString();
  const parts: Buffer[] = [];
  for (const d of scan.damaged) parts.push(Buffer.from(`# line ${d.line} (${d.reason}), set aside ${at}\n`), d.bytes, Buffer.from('\n'));
  if (scan.torn) parts.push(Buffer.from(`# unfinished last write (never confirmed as saved), set aside ${at}\n`), scan.torn, Buffer.from('\n'));
  const file = await fs.open(asidePath, 'append');
  try {
    await file.write(Buffer.concat(parts));
    await file.datasync(); // fsync:aside-data
  } finally {
    await file.close();
  }
  await fs.syncDirectory(dirname(asidePath)); // fsync:aside-create
}

/**
 * Leaves the journal holding exactly its good records, each ending in a newline: damaged
 * lines in the middle mean an atomic rewrite (temp, fsync, rename); a torn tail alone is cut
 * off; a last record missing only its newline gets one. Returns the journal's new length.
 * The cut and the newline need no fsync of their own: were they lost, the next open finds
 * and fixes the same thing, and the next append's fdatasync makes them durable anyway.
 */
export async function repairJournal(fs: StorageFs, path: string, scan: JournalScan<unknown>, length: number): Promise<number> {
  if (scan.damaged.length > 0) {
    const good = Buffer.concat(scan.good);
    await writeFileDurably(path, good, { fs });
    return good.length;
  }
  if (!scan.torn && !scan.missingNewline) return length;
  const file = await fs.open(path, 'append');
  try {
    if (scan.torn) await file.truncate(length - scan.torn.length);
    else await file.write(Buffer.from('\n'));
  } finally {
    await file.close();
  }
  return scan.torn ? length - scan.torn.length : length + 1;
}
