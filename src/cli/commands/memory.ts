/**
 * `auto-agent memory list|search QUERY|show ID|forget ID`: the long-term memory of a workspace from the
 * terminal, on the same store and index the agent uses. Notes are Markdown files: `show` prints the file.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Host } from '../../core/host';
import { NodeFiles } from '../../node/nodeFiles';
import { NodeStore } from '../../node/nodeStore';
import { openMemoryIndex } from '../../node/memoryServices';
import { userCacheDir } from '../../node/userCacheDir';
import { userConfigDir } from '../../node/userConfigDir';
import type { CliIo } from '../cliIo';

export const memoryHelp = `auto-agent memory: the agent's long-term memory of a workspace.

Usage:
  auto-agent memory list [--workspace DIR]            every note, both scopes
  auto-agent memory search QUERY [--workspace DIR]    notes and past tasks that match
  auto-agent memory show ID [--workspace DIR]         one note's file (ID, workspace/ID or user/ID)
  auto-agent memory forget ID [--workspace DIR]       delete one note

Where notes live: this workspace's in DIR/.auto-agent/memory/ (commit them if you like),
yours for every workspace in $XDG_CONFIG_HOME/auto-agent/memory/ (~/.config/auto-agent/memory/).`;

/** Runs the memory subcommand; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runMemoryCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { workspace: { type: 'string', short: 'w' } }, allowPositionals: true, strict: true });
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  const [command, ...words] = parsed.positionals;
  const root = await fs.realpath(path.resolve(io.cwd, parsed.values.workspace ?? '.')).catch(() => undefined);
  if (!root) return usage(io, `The workspace ${parsed.values.workspace ?? io.cwd} does not exist.`);
  const { store, index } = openMemoryIndex({ host: cliMemoryHost(io), root, storageDir: userCacheDir(io.env, process.platform, os.homedir()), configDir: userConfigDir(io.env) });
  const arg = words.join(' ').trim();
  switch (command) {
    case 'list': {
      const notes = await store.list();
      if (notes.length === 0) io.stdout(`No notes yet (${store.dirs.workspace}, ${store.dirs.user}).\n`);
      for (const note of notes) io.stdout(`${note.scope}/${note.id}  ${note.title}  (${note.updated.slice(0, 10)}${note.provenance.length ? ', from untrusted content' : ''})\n`);
      return 0;
    }
    case 'search': {
      if (!arg) return usage(io, 'search needs a QUERY.');
      await index.refresh();
      const entries = await index.search(arg, { limit: 10 });
      io.stdout(entries.length ? `${entries.map((e) => e.text).join('\n\n')}\n` : `Nothing matches "${arg}".\n`);
      return 0;
    }
    case 'show':
    case 'forget':
      return arg ? showOrForget(command, arg, io, store) : usage(io, `${command} needs an ID.`);
    default:
      return usage(io, command ? `Unknown memory command "${command}".` : 'Missing command.');
  }
}

async function showOrForget(command: 'show' | 'forget', ref: string, io: CliIo, store: ReturnType<typeof openMemoryIndex>['store']): Promise<number> {
  const note = await store.get(ref);
  if (!note) {
    io.stderr(`There is no note "${ref}". Run auto-agent memory list to see the ids.\n`);
    return 1;
  }
  const file = store.pathOf(note.scope, note.id);
  if (command === 'show') {
    io.stdout(`${file}\n\n${await fs.readFile(file, 'utf8')}`);
    return 0;
  }
  await store.delete(note);
  io.stdout(`Forgot ${note.scope}/${note.id} (deleted ${file}).\n`);
  return 0;
}

/** The memory command reads files and transcripts only: it needs no shell, git, search or approvals. */
function cliMemoryHost(io: CliIo): Host {
  const silent = (): void => undefined;
  const unavailable = (): never => { throw new Error('not available in auto-agent memory'); };
  return {
    files: new NodeFiles(), store: new NodeStore(userCacheDir(io.env, process.platform, os.homedir())),
    logger: { debug: silent, info: silent, warn: (m: string) => io.stderr(`${m}\n`), error: (m: string) => io.stderr(`${m}\n`) },
    shell: { run: unavailable, exec: unavailable, which: unavailable },
    approvals: { request: unavailable, askQuestion: unavailable },
    git: { isRepo: unavailable, status: unavailable, diff: unavailable, log: unavailable, commit: unavailable },
    search: { search: unavailable },
    homeDir: os.homedir(), platform: process.platform,
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\n${memoryHelp}\n`);
  return 2;
}
