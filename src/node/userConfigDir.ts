/**
 * The per-user config folder: the user-level instructions file (`AGENTS.md`) and the user scope of memory
 * (`memory/`). AUTO_AGENT_CONFIG_DIR overrides it (tests, and users who keep it elsewhere).
 */
import * as os from 'node:os';
import * as path from 'node:path';

/** `$XDG_CONFIG_HOME/auto-agent` or `~/.config/auto-agent` on Linux and macOS, `%APPDATA%\auto-agent` on Windows. */
export function userConfigDir(env: Record<string, string | undefined> = process.env, platform: string = process.platform, home = os.homedir()): string {
  if (env.AUTO_AGENT_CONFIG_DIR) return env.AUTO_AGENT_CONFIG_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'auto-agent');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'auto-agent');
}

/** The user-level instructions file. */
export function userInstructionsFile(configDir: string): string {
  return path.join(configDir, 'AGENTS.md');
}

/** The user scope of memory. */
export function userMemoryDir(configDir: string): string {
  return path.join(configDir, 'memory');
}
