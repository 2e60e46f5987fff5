/**
 * Finds folders inside a work tree that are shaped like a bare git repository (`HEAD`, `objects/`, `refs/`): the
 * shape an attacker plants so that git run inside that folder loads its config (fsmonitor, hooks). The agent's git
 * never uses one (`safe.bareRepository=explicit`); the model is told they are there, so it neither works around
 * the refusal nor runs git inside them.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { runHardenedGit } from './hardenedGit';

/** Folders reported at most; past that the note says "and more". */
const maxReported = 10;

/** Root-relative folders shaped like a bare repository, tracked or untracked (not ignored), below `root`. */
export async function findPlantedRepos(root: string, binary?: string): Promise<string[]> {
  const result = await runHardenedGit({ cwd: root, binary, isReadOnly: true, args: ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ':(glob)**/HEAD'] });
  if (result.exitCode !== 0) return [];
  const dirs = new Set(result.stdout.toString('utf8').split('\0').filter(Boolean).map((p) => path.dirname(p)));
  return [...dirs].filter((dir) => dir !== '.' && ['objects', 'refs'].every((part) => existsSync(path.join(root, dir, part))));
}

/** The note about planted repositories; empty when there are none. */
export function plantedReposNote(dirs: readonly string[]): string {
  if (dirs.length === 0) return '';
  const shown = dirs.slice(0, maxReported).join(', ') + (dirs.length > maxReported ? ` and ${dirs.length - maxReported} more` : '');
  return `Note: ${shown} ${dirs.length === 1 ? 'is' : 'are'} shaped like a bare git repository (HEAD, objects/, refs/) inside the workspace, which is how a repository is planted to make git run its config's programs. Auto Agent's git does not use bare repositories it finds; do not run git inside them, and tell the user.`;
}
