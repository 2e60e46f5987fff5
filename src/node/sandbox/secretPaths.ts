/**
 * Where the user's secrets live, relative to the home folder: credentials of ssh, clouds, package registries,
 * GitHub's CLI and docker, the agent's own storage, and editors' user data (which holds their secret storage).
 * A sandboxed command sees these as empty.
 */
import * as path from 'node:path';

export const homeSecretPaths: readonly string[] = [
  '.ssh', '.aws', '.gnupg', '.config/gh', '.netrc', '.npmrc', '.yarnrc', '.docker', '.kube', '.azure',
  '.config/gcloud', '.git-credentials', '.config/git/credentials', '.pypirc', '.cargo/credentials', '.cargo/credentials.toml',
  '.password-store', '.local/share/keyrings',
  '.cache/auto-agent', '.config/auto-agent',
  '.config/Code', '.config/Code - Insiders', '.config/VSCodium', '.vscode', '.vscode-server', '.vscode-oss',
  '.config/code-server', '.local/share/code-server',
  'Library/Application Support/Code', 'Library/Keychains',
];

/** The absolute secret paths under `homeDir`, plus any extra ones the host names (its storage folder). */
export function secretPathsFor(homeDir: string, extra: readonly string[] = []): string[] {
  return [...homeSecretPaths.map((rel) => path.join(homeDir, rel)), ...extra];
}
