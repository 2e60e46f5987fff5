/**
 * The per-user cache folder of the CLI: transcripts, checkpoints (`checkpoints/`) and the index (`index/`). The VS Code
 * host uses its extension storage instead. AUTO_AGENT_CACHE_DIR overrides it.
 */
import * as os from 'node:os';
import * as path from 'node:path';

/** `$XDG_CACHE_HOME/auto-agent` or `~/.cache/auto-agent` on Linux, `~/Library/Caches/auto-agent` on macOS, `%LOCALAPPDATA%\auto-agent\Cache` on Windows. */
export function userCacheDir(env: Record<string, string | undefined> = process.env, platform: string = process.platform, home = os.homedir()): string {
  if (env.AUTO_AGENT_CACHE_DIR) return env.AUTO_AGENT_CACHE_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'auto-agent', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'auto-agent');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'auto-agent');
}

/** Where the codebase index of any workspace is cached below a storage folder (shared by `map` and `run`). */
export function indexCacheDir(storageDir: string): string {
  return path.join(storageDir, 'index');
}
