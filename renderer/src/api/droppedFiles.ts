import type { DroppedFile } from '../store/deps';

/** What the user dropped, read before the browser forgets the drag data. */
export interface Drop {
  /** Electron: real paths, imported where they are. */
  paths: string[];
  /** Browser: files to upload, with paths relative to what was dropped. */
  files: DroppedFile[];
  folders: number;
}

/**
 * Reads a drop. In Electron every dropped item has a real path. In a browser, folders are
 * walked through `webkitGetAsEntry`; their entries must be taken synchronously inside the
 * drop event, the walking itself may take its time.
 */
export async function readDrop(data: DataTransfer, pathForFile?: (file: File) => string): Promise<Drop> {
  if (pathForFile) {
    const paths = [...data.files].map((f) => pathForFile(f)).filter((p) => p !== '');
    return { paths, files: [], folders: 0 };
  }
  const items = [...data.items].filter((item) => item.kind === 'file');
  const entries: FileSystemEntry[] = [];
  const files: DroppedFile[] = [];
  for (const item of items) {
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
    else {
      // No file-system entry (a drop made by a script, or a browser without the API): the file itself.
      const file = item.getAsFile();
      if (file) files.push({ file, relativePath: file.name });
    }
  }
  const folders = entries.filter((e) => e.isDirectory).length;
  const stripRoot = folders === 1 && entries.length === 1 && files.length === 0;
  for (const entry of entries) await walk(entry, files);
  return { paths: [], files: files.map((f) => ({ ...f, relativePath: uploadPath(f.relativePath, stripRoot) })), folders };
}

/**
 * One dropped folder stands for its contents (so `animals/cat/1.png` labels as `cat`, as
 * importing the folder `animals` would); several dropped folders keep their names (dropping
 * `cat/` and `dog/` labels by them).
 */
export function uploadPath(fullPath: string, stripRoot: boolean): string {
  const parts = fullPath.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return (stripRoot && parts.length > 1 ? parts.slice(1) : parts).join('/');
}

async function walk(entry: FileSystemEntry, out: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: entry.fullPath });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (about 100 in Chromium) until it answers with none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}
