/**
 * The files a sandboxed stdio MCP server needs to see although the sandbox hides them. The sandbox gives every
 * process a private, empty /tmp; a server installed under /tmp (a project checked out there, `npm exec`'s
 * temporary folders) would then not find its own script or its dependencies. Only those folders are bound back,
 * read-only: the rest of /tmp stays private.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../../core/policy/pathGuard';

/** The folder the sandbox replaces with an empty one. */
const hiddenTmp = '/tmp';

/** The folders to keep visible for a server started as `command args` in `cwd`; empty when nothing lies under /tmp. */
export async function serverVisiblePaths(command: string, args: readonly string[], cwd: string, searchPath: string): Promise<string[]> {
  const named = [await findOnPath(command, cwd, searchPath), ...args.filter(looksLikePath).map((a) => path.resolve(cwd, a))];
  const found = new Set<string>();
  for (const candidate of named) {
    if (!candidate) continue;
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (!real) continue;
    // Both the name used and the file it links to (`node_modules/.bin/x` points into the package).
    for (const p of new Set([candidate, real])) {
      if (isWithin(hiddenTmp, p) && p !== hiddenTmp) found.add(await packageFolderOf(p));
    }
  }
  return [...found].filter((p) => ![...found].some((other) => other !== p && isWithin(other, p)));
}

/**
 * A file inside `node_modules` needs the whole (outermost) `node_modules`, where its hoisted dependencies are; any
 * other file needs its package (the nearest folder with a package.json, whose node_modules it imports from).
 */
async function packageFolderOf(file: string): Promise<string> {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.indexOf(marker);
  if (at >= 0) return file.slice(0, at + marker.length - 1);
  const isDir = (await fs.stat(file).catch(() => undefined))?.isDirectory() ?? false;
  for (let dir = isDir ? file : path.dirname(file); isWithin(hiddenTmp, dir) && dir !== hiddenTmp; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, 'package.json'))) return dir;
  }
  return isDir ? file : path.dirname(file);
}

/** The command's file: a path as given (against cwd), a bare name looked up on PATH as the shell would. */
async function findOnPath(command: string, cwd: string, searchPath: string): Promise<string | undefined> {
  if (command.includes('/')) return path.resolve(cwd, command);
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.resolve(cwd, dir, command);
    if (await exists(file)) return file;
  }
  return undefined;
}

function looksLikePath(arg: string): boolean {
  return arg.includes('/') && !arg.startsWith('-') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(arg);
}

function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

