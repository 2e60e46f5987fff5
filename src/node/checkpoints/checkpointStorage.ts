/** Where the CLI keeps checkpoints: the user's cache folder (the VS Code host passes its extension storage instead). */
import * as path from 'node:path';

/** The cache folder for Auto Agent's checkpoints on this platform; AUTO_AGENT_CACHE_DIR overrides it. */
export function defaultCheckpointStorage(env: NodeJS.ProcessEnv, homeDir: string, platform: string): string {
  if (env.AUTO_AGENT_CACHE_DIR) return env.AUTO_AGENT_CACHE_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(homeDir, 'AppData', 'Local'), 'auto-agent', 'Cache');
  if (platform === 'darwin') return path.join(homeDir, 'Library', 'Caches', 'auto-agent');
  return path.join(env.XDG_CACHE_HOME || path.join(homeDir, '.cache'), 'auto-agent');
}
