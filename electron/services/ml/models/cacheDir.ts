import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where downloaded and added models live: STUDIO_CACHE_DIR when set, otherwise
 * `~/.cache/active-learning-studio` (XDG_CACHE_HOME is honoured on Linux).
 */
export function studioCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STUDIO_CACHE_DIR) return env.STUDIO_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'active-learning-studio');
}
