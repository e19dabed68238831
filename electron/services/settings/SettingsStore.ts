import { mkdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import type { RecentProject } from '../../../shared/contract/project';

const settingsSchema = z.object({
  annotator: z.string(),
  recent: z.array(z.object({ dir: z.string(), name: z.string(), openedAt: z.string() })),
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

/** The user's own settings: annotator name, recent projects, whether the demo was offered. */
export class SettingsStore {
  private constructor(
    private readonly db: Low<Settings>,
    readonly dir: string,
  ) {}

  static async open(dir = defaultConfigDir()): Promise<SettingsStore> {
    await mkdir(dir, { recursive: true });
    const defaults: Settings = { annotator: safeUserName(), recent: [], firstRun: true };
    const db = new Low(new DurableJsonFile(join(dir, 'settings.json'), (j) => settingsSchema.parse(j), 'settings.json'), defaults);
    await db.read().catch(() => undefined); // unreadable settings: start fresh rather than refuse to start
    db.data ??= defaults;
    return new SettingsStore(db, dir);
  }

  get data(): Readonly<Settings> {
    return this.db.data;
  }

  async setAnnotator(name: string): Promise<void> {
    this.db.data.annotator = name;
    await this.db.write();
  }

  async rememberProject(dir: string, name: string): Promise<void> {
    const recent = this.db.data.recent.filter((r) => r.dir !== dir);
    recent.unshift({ dir, name, openedAt: new Date().toISOString() });
    this.db.data.recent = recent.slice(0, MAX_RECENT);
    this.db.data.firstRun = false;
    await this.db.write();
  }

  recent(exists: (dir: string) => boolean): RecentProject[] {
    return this.db.data.recent.map((r) => ({ ...r, exists: exists(r.dir) }));
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'annotator';
  } catch {
    return 'annotator';
  }
}
