/**
 * Writes that would create a git repository or change one: git uses any folder holding `HEAD`, `objects/` and
 * `refs/` as a repository, and runs what its `config` and `hooks/` name. A planted one (a bare repository in a
 * subfolder, or the workspace itself turned into one) makes a later `git status` there run the attacker's
 * fsmonitor or hook. Core does no I/O: the shape is looked up through the host's files.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';

/** The entries that make a folder look like a git dir. */
const gitDirMarkers = ['HEAD', 'config', 'objects', 'refs', 'packed-refs'];
/** Files whose content steers git when they sit in a git dir. */
const gitDirFiles = new Set(['head', 'config', 'packed-refs']);

/** True when writing, renaming or deleting `abs` would make or change a git dir (see the module comment). */
export async function touchesGitDir(files: WorkspaceFiles, abs: string): Promise<boolean> {
  const name = path.basename(abs);
  if (gitDirFiles.has(name.toLowerCase()) && (await markerCount(files, path.dirname(abs), name)) > 0) return true;
  const parts = abs.split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i].toLowerCase() === 'hooks' && (await markerCount(files, parts.slice(0, i).join(path.sep) || path.sep, '')) > 0) return true;
  }
  // A whole folder of that shape moved or deleted at once.
  return (await files.stat(abs))?.isDirectory === true && (await markerCount(files, abs, '')) >= 2;
}

/** How many git-dir markers other than `except` exist in `dir`. */
async function markerCount(files: WorkspaceFiles, dir: string, except: string): Promise<number> {
  let count = 0;
  for (const marker of gitDirMarkers) {
    if (marker.toLowerCase() === except.toLowerCase()) continue;
    if (await files.lstat(path.join(dir, marker)).catch(() => undefined)) count++;
  }
  return count;
}
