/**
 * The memory folders are written only by the memory tools (which ask through the gate with a diff of the note,
 * not with a path): any other edit that touches them (edit_file, create_file, rename, delete) is refused. Paths
 * are compared as given and symlink-resolved, case-insensitively, so spelling tricks do not get through.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';
import type { PermissionRule } from '../policy/permissionGate';
import { canonicalPath, isWithin } from '../policy/pathGuard';

export function memoryFolderRule(dirs: readonly string[], files: WorkspaceFiles): PermissionRule {
  const folders = dirs.map((d) => path.resolve(d).toLowerCase());
  const inside = (abs: string): boolean => folders.some((dir) => abs.toLowerCase() === dir || isWithin(dir, abs.toLowerCase()));
  return {
    name: 'memory-folder',
    async evaluate(request) {
      if (request.risk !== 'edit' || !request.paths) return { kind: 'pass' };
      for (const abs of request.paths) {
        const forms = [path.resolve(abs), await canonicalPath(files, path.resolve(abs)).catch(() => path.resolve(abs))];
        if (forms.some(inside)) {
          return { kind: 'deny', reason: `${abs} is in the memory folder, which only the memory tools write: use remember to save or update a note and forget to delete one.` };
        }
      }
      return { kind: 'pass' };
    },
  };
}
