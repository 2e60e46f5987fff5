/**
 * The project's instructions for a task: the rules files of the workspace and the user's own file, in order of
 * precedence, cut to a size cap (with a note saying so). In Restricted Mode the workspace's files are not read.
 * They guide how the agent works; they never grant permissions (the gate does not read them).
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { WorkspaceFiles } from '../host';
import { findUserInstructions, findWorkspaceInstructions, type FoundInstruction } from './instructionSources';

/** One instruction file in effect; `isCut` when the cap cut it (or left it out: then `text` is empty). */
export interface InstructionFile extends FoundInstruction {
  chars: number;
  isCut: boolean;
}

/** What a task runs with, and notes for the user (cut files, Restricted Mode). */
export interface ProjectInstructions {
  files: InstructionFile[];
  notes: string[];
}

export interface LoadInstructionsOptions {
  files: WorkspaceFiles;
  /** The first workspace root, absolute. */
  root: string;
  homeDir: string;
  /** The user-level file (absolute); it is read even in Restricted Mode. */
  userFile?: string;
  /** False in Restricted Mode: the workspace's own files are not loaded. */
  isWorkspaceTrusted: boolean;
  /** Characters of instructions in the prompt, all files together. */
  maxChars?: number;
}

/** About 3,000 tokens: enough for real AGENTS.md files, small next to the context window. */
export const defaultInstructionChars = 12_000;

export const restrictedInstructionsNote = 'Restricted Mode: the workspace\'s instruction files (AGENTS.md, CLAUDE.md, rules files) were not loaded.';

/** Loads the instructions in precedence order: workspace files (AGENTS.md first), then the user file. */
export async function loadProjectInstructions(options: LoadInstructionsOptions): Promise<ProjectInstructions> {
  const notes: string[] = [];
  const found: FoundInstruction[] = [];
  if (options.isWorkspaceTrusted) found.push(...(await findWorkspaceInstructions(options.files, options.root)));
  else notes.push(restrictedInstructionsNote);
  if (options.userFile) found.push(...(await findUserInstructions(options.files, options.userFile, options.homeDir)));
  const files = capInstructions(found, options.maxChars ?? defaultInstructionChars);
  const cut = files.filter((f) => f.isCut);
  if (cut.length) notes.push(`Instructions cut to ${options.maxChars ?? defaultInstructionChars} characters: ${cut.map((f) => f.path).join(', ')} ${cut.length === 1 ? 'was' : 'were'} shortened or left out.`);
  return { files, notes };
}

/** Keeps files whole in precedence order until the cap; the file that crosses it is cut, later ones are left out. */
export function capInstructions(found: readonly FoundInstruction[], maxChars: number): InstructionFile[] {
  let left = maxChars;
  return found.map((one) => {
    const text = one.text.trim();
    const kept = text.slice(0, Math.max(0, left));
    left -= kept.length;
    return { ...one, text: kept, chars: text.length, isCut: kept.length < text.length };
  });
}

/**
 * The instructions that apply to work on one root-relative file, in precedence order: the AGENTS.md files from
 * the nearest folder up to the root (the nearest wins), then the other files whose `applyTo` matches (or that
 * apply everywhere), then the user's file.
 */
export function instructionsFor(instructions: ProjectInstructions, rel: string): InstructionFile[] {
  const file = rel.split(path.sep).join('/');
  const agents = instructions.files
    .filter((f) => f.kind === 'AGENTS.md' && f.folder !== undefined && (f.folder === '' || file.startsWith(`${f.folder}/`)))
    .sort((a, b) => (b.folder ?? '').length - (a.folder ?? '').length);
  const others = instructions.files.filter((f) => f.kind !== 'AGENTS.md' && (!f.applyTo || picomatch.isMatch(file, f.applyTo, { dot: true })));
  return [...agents, ...others];
}
