/**
 * Where project instructions come from: the rules files users already keep for other agents, in order of
 * precedence (earlier wins on a conflict). Each source turns the files it finds into instruction files; the
 * loader in projectInstructions.ts caps and orders them.
 */
import * as path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import type { WorkspaceFiles } from '../host';
import { walkFiles } from '../codebase/fileWalker';

/** The kinds of instruction file, in order of precedence (first wins). */
export const instructionKinds = [
  'AGENTS.md', 'CLAUDE.md', 'copilot-instructions', 'copilot-scoped', 'cursor-rule', 'cursorrules', 'clinerules', 'user',
] as const;
export type InstructionKind = (typeof instructionKinds)[number];

/** One file of instructions as found (before the size cap). */
export interface FoundInstruction {
  kind: InstructionKind;
  abs: string;
  /** How the user sees it: root-relative for workspace files, `~/…` for the user file. */
  path: string;
  /** For a nested AGENTS.md: the root-relative folder it governs ('' for the root). */
  folder?: string;
  /** Root-relative globs of the files it applies to (applyTo, cursor globs); absent means all files. */
  applyTo?: string[];
  /** A cursor rule's description when it applies only when relevant. */
  description?: string;
  text: string;
}

/** How many workspace files are looked at for nested AGENTS.md before giving up (a huge tree). */
const maxWalkedFiles = 20_000;

/** Reads every workspace instruction file under `root`, in precedence order. */
export async function findWorkspaceInstructions(files: WorkspaceFiles, root: string): Promise<FoundInstruction[]> {
  const at = (rel: string): string => path.join(root, rel);
  const found: FoundInstruction[] = [];
  found.push(...(await nestedAgentsFiles(files, root)));
  found.push(...(await plainFile(files, root, 'CLAUDE.md', 'CLAUDE.md')));
  found.push(...(await plainFile(files, root, '.github/copilot-instructions.md', 'copilot-instructions')));
  for (const rel of await listNames(files, at('.github/instructions'), (n) => n.endsWith('.instructions.md'))) {
    found.push(...withFrontMatter(await readFound(files, root, `.github/instructions/${rel}`, 'copilot-scoped')));
  }
  for (const rel of await listNames(files, at('.cursor/rules'), (n) => n.endsWith('.mdc') || n.endsWith('.md'))) {
    found.push(...withFrontMatter(await readFound(files, root, `.cursor/rules/${rel}`, 'cursor-rule')));
  }
  found.push(...(await plainFile(files, root, '.cursorrules', 'cursorrules')));
  found.push(...(await clineRules(files, root)));
  return found;
}

/** The user-level file (`~/.config/auto-agent/AGENTS.md` or the host's setting), if it exists. */
export async function findUserInstructions(files: WorkspaceFiles, abs: string, homeDir: string): Promise<FoundInstruction[]> {
  const text = await readIfFile(files, abs);
  if (text === undefined) return [];
  const shown = abs.startsWith(homeDir + path.sep) ? `~/${path.relative(homeDir, abs).split(path.sep).join('/')}` : abs;
  return [{ kind: 'user', abs, path: shown, text }];
}

/** Every AGENTS.md in the tree (ignored folders skipped), the root one first, then by depth and path. */
async function nestedAgentsFiles(files: WorkspaceFiles, root: string): Promise<FoundInstruction[]> {
  const { files: all } = await walkFiles({ files, root, maxFiles: maxWalkedFiles });
  const rels = all.filter((rel) => rel === 'AGENTS.md' || rel.endsWith('/AGENTS.md'))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const out: FoundInstruction[] = [];
  for (const rel of rels) {
    const [one] = await readFound(files, root, rel, 'AGENTS.md');
    if (one) out.push({ ...one, folder: path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel) });
  }
  return out;
}

/** `.clinerules` is a file, or a folder of rule files read in name order. */
async function clineRules(files: WorkspaceFiles, root: string): Promise<FoundInstruction[]> {
  const stat = await files.stat(path.join(root, '.clinerules'));
  if (stat?.isFile) return plainFile(files, root, '.clinerules', 'clinerules');
  if (!stat?.isDirectory) return [];
  const names = await listNames(files, path.join(root, '.clinerules'), (n) => /\.(md|txt)$/i.test(n) || !n.includes('.'));
  const out: FoundInstruction[] = [];
  for (const name of names) out.push(...(await readFound(files, root, `.clinerules/${name}`, 'clinerules')));
  return out;
}

async function plainFile(files: WorkspaceFiles, root: string, rel: string, kind: InstructionKind): Promise<FoundInstruction[]> {
  return readFound(files, root, rel, kind);
}

async function readFound(files: WorkspaceFiles, root: string, rel: string, kind: InstructionKind): Promise<FoundInstruction[]> {
  const abs = path.join(root, rel);
  const text = await readIfFile(files, abs);
  return text === undefined ? [] : [{ kind, abs, path: rel, text }];
}

/** Regular files only: a symlink is followed by stat, but a folder or a missing path is skipped. */
async function readIfFile(files: WorkspaceFiles, abs: string): Promise<string | undefined> {
  const stat = await files.stat(abs).catch(() => undefined);
  if (!stat?.isFile) return undefined;
  return new TextDecoder('utf-8').decode(await files.readFile(abs));
}

async function listNames(files: WorkspaceFiles, dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await files.list(dir).catch(() => []);
  return entries.filter((e) => !e.isDirectory && keep(e.name)).map((e) => e.name).sort();
}

/** Reads a YAML front matter (`applyTo`, `globs`, `alwaysApply`, `description`) and strips it from the text. */
function withFrontMatter(found: FoundInstruction[]): FoundInstruction[] {
  return found.map((one) => {
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(one.text);
    if (!match) return one;
    const meta = safeYaml(match[1]);
    const body = one.text.slice(match[0].length);
    const globs = splitGlobs(meta.applyTo ?? meta.globs);
    const isAlways = meta.alwaysApply === true || globs === undefined || globs.includes('**');
    return {
      ...one, text: body,
      ...(isAlways ? {} : { applyTo: globs }),
      ...(one.kind === 'cursor-rule' && meta.alwaysApply === false && !globs && typeof meta.description === 'string' ? { description: meta.description } : {}),
    };
  });
}

function safeYaml(text: string): Record<string, unknown> {
  try {
    const value = parseYaml(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function splitGlobs(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const globs = list.map((g) => g.trim()).filter(Boolean);
  return globs.length ? globs : undefined;
}
