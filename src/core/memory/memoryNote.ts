/**
 * A memory note as a plain Markdown file: a small YAML header (title, created, updated, the task it came from,
 * its source and provenance) and the note's text. The user can open, edit, delete or commit it.
 */
import { dump as dumpYaml, load as parseYaml } from 'js-yaml';

/** Where a note lives: this workspace (`.auto-agent/memory/`) or the user (all workspaces). */
export type MemoryScope = 'workspace' | 'user';

/** One note. `provenance` lists untrusted sources the saving task had read (web pages, files outside). */
export interface MemoryNote {
  id: string;
  scope: MemoryScope;
  title: string;
  body: string;
  created: string;
  updated: string;
  taskId?: string;
  /** Who wrote it: the agent during a task, the end-of-task reflection, or the user by hand. */
  source: 'agent' | 'reflection' | 'user';
  provenance: string[];
  tags: string[];
}

/** The note's file text: `---` YAML header `---`, a `# title` line, then the body. */
export function renderNote(note: MemoryNote): string {
  const header: Record<string, unknown> = { title: note.title, created: note.created, updated: note.updated, source: note.source };
  if (note.taskId) header.task = note.taskId;
  if (note.tags.length) header.tags = note.tags;
  if (note.provenance.length) header.provenance = note.provenance;
  return `---\n${dumpYaml(header, { lineWidth: 200 }).trimEnd()}\n---\n\n# ${note.title}\n\n${note.body.trim()}\n`;
}

/** Reads a note file; a file without a header (written by hand) is still a note, titled by its first line. */
export function parseNote(text: string, id: string, scope: MemoryScope, mtime: string): MemoryNote {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const header = match ? safeHeader(match[1]) : {};
  let body = (match ? text.slice(match[0].length) : text).trim();
  const heading = /^#\s+(.+)\r?\n?/.exec(body);
  if (heading) body = body.slice(heading[0].length).trim();
  const title = stringOf(header.title) ?? heading?.[1].trim() ?? (body.split('\n')[0].slice(0, 80) || id);
  return {
    id, scope, title, body,
    created: stringOf(header.created) ?? mtime,
    updated: stringOf(header.updated) ?? mtime,
    taskId: stringOf(header.task),
    source: header.source === 'agent' || header.source === 'reflection' ? header.source : 'user',
    provenance: listOf(header.provenance),
    tags: listOf(header.tags),
  };
}

/** A file-name-safe id from a title: lower case words joined by dashes, at most 60 characters. */
export function slugOf(title: string): string {
  const slug = title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || 'note';
}

/** True for an id the store accepts (what slugOf makes, so an id can never name a path outside the folder). */
export function isValidId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,79}$/.test(id);
}

function safeHeader(text: string): Record<string, unknown> {
  try {
    const value = parseYaml(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringOf(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}
