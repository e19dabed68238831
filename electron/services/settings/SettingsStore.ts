import { mkdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { DurableDocument } from '../storage/DurableDocument';
import type { RecentProject } from '../../../shared/contract/project';

const settingsSchema = z.strictObject({
  annotator: z.string(),
  recent: z.array(z.strictObject({ dir: z.string(), name: z.string(), openedAt: z.string() })),
  firstRun: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

const MAX_RECENT = 12;

/** Where per-user settings live unless the Electron shell or STUDIO_CONFIG_DIR says otherwise. */
export function defaultConfigDir(): string {
  if (process.env.STUDIO_CONFIG_DIR) return process.env.STUDIO_CONFIG_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Active Learning Studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Active Learning Studio');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'active-learning-studio');
}

/**
 * The user's own settings: annotator name, recent projects, whether the demo was offered.
 * A change is visible only once it is on disk (see DurableDocument).
 */
export class SettingsStore {
  private constructor(
    private readonly doc: DurableDocument<Settings>,
    readonly dir: string,
  ) {}

  static async open(dir = defaultConfigDir()): Promise<SettingsStore> {
    await mkdir(dir, { recursive: true });
    const defaults = (): Settings => ({ annotator: safeUserName(), recent: [], firstRun: true });
    const file = new DurableJsonFile(join(dir, 'settings.json'), (j) => settingsSchema.parse(j), { label: 'settings.json' });
    // Unreadable settings (every generation damaged): start fresh rather than refuse to start.
    const doc = await DurableDocument.open(file, defaults).catch(() => DurableDocument.from(file, defaults()));
    return new SettingsStore(doc, dir);
  }

  get data(): Readonly<Settings> {
    return this.doc.data;
  }

  async setAnnotator(name: string): Promise<void> {
    await this.doc.update((d) => {
      d.annotator = name;
    }, 'Your name was not saved.');
  }

  async rememberProject(dir: string, name: string): Promise<void> {
    await this.doc.update((d) => {
      const recent = d.recent.filter((r) => r.dir !== dir);
      recent.unshift({ dir, name, openedAt: new Date().toISOString() });
      d.recent = recent.slice(0, MAX_RECENT);
      d.firstRun = false;
    }, 'The list of recent projects was not updated.');
  }

  recent(exists: (dir: string) => boolean): RecentProject[] {
    return this.doc.data.recent.map((r) => ({ ...r, exists: exists(r.dir) }));
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'annotator';
  } catch {
    return 'annotator';
  }
}
