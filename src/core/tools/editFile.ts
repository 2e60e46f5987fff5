/**
 * edit_file: changes one existing file with search/replace blocks (any order, matched tolerantly but never
 * guessed) or a unified diff. Every change goes through the change pipeline for review.
 */
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext, clipLabel as clip } from './tool';
import { readText } from '../edits/changeProposer';
import { applyBlocks, type EditBlock } from '../edits/searchReplace';
import { parseUnifiedDiff } from '../edits/unifiedDiff';
import type { BlockMatch } from '../edits/blockMatcher';

const schema = z.object({
  path: z.string().describe('Path of the file to change, relative to the workspace root.'),
  edits: z.array(z.object({
    search: z.string().describe('The text to replace, copied from the file (without read_file\'s line numbers), with two or three unchanged lines of context. A line "..." may stand for an unchanged middle. Empty with "line": insert there.'),
    replace: z.string().describe('The text that replaces it (empty to delete the lines).'),
    line: z.number().int().positive().optional().describe('Optional: the line number where the search starts (or, with an empty search, the line to insert before). Only decides between identical places.'),
    replace_all: z.boolean().optional().describe('Replace every exact occurrence of search (e.g. a rename) instead of exactly one.'),
  })).optional().describe('Search/replace blocks. Each must match one place in the file; they may come in any order but must not overlap.'),
  diff: z.string().optional().describe('Alternatively, a unified diff of this one file ("@@" hunks with " ", "-", "+" lines). Give either edits or diff.'),
});

/** The edit_file tool. */
export const editFileTool = defineTool({
  name: 'edit_file',
  description: 'Change part of an existing file. Give search/replace blocks (copy the lines to replace exactly, with a little context; several blocks for several places) or a unified diff. '
    + 'Like str_replace: line breaks count, so end search and replace both with a line break or neither. Small slips (indentation, spaces, copied line numbers, a typo) are tolerated only where one place fits. '
    + 'If a block cannot be placed with certainty nothing is changed and the error shows the closest lines with their numbers. Use create_file for new files.',
  schema,
  risk: 'edit',
  label: (input) => `Edited ${clip(input.path)}`,
  run: async (input, ctx) => {
    const target = await ctx.paths.resolve(input.path, 'write');
    const before = await readText(ctx.host.files, target.abs);
    if (before === null) throw new ToolError(`${target.rel} does not exist. Use create_file to make a new file.`);
    const blocks = toBlocks(input);
    const result = applyBlocks(before, blocks);
    if (!result.isOk) {
      throw new ToolError(`Nothing was changed in ${target.rel}.\n${result.errors.map((e) => e.message).join('\n\n')}`);
    }
    if (result.content === before) return { output: `${target.rel} already has that content; nothing to change.` };
    return propose(ctx, { abs: target.abs, rel: target.rel, before, after: result.content, matches: result.matches });
  },
});

function toBlocks(input: z.infer<typeof schema>): EditBlock[] {
  if (input.edits && input.edits.length > 0 && input.diff) throw new ToolError('Give either edits or diff, not both.');
  if (input.edits && input.edits.length > 0) {
    return input.edits.map((e) => ({ search: e.search, replace: e.replace, hintLine: e.line === undefined ? undefined : e.line - 1, isReplaceAll: e.replace_all }));
  }
  if (input.diff) {
    const parsed = parseUnifiedDiff(input.diff);
    if (!parsed.isOk) throw new ToolError(parsed.message);
    return parsed.blocks;
  }
  throw new ToolError('Give edits (search/replace blocks) or a unified diff.');
}

async function propose(ctx: ToolContext, change: { abs: string; rel: string; before: string; after: string; matches: BlockMatch[] }): Promise<{ output: string; isError?: boolean }> {
  const outcome = await ctx.changes.propose({ callId: ctx.callId, toolName: 'edit_file', kind: 'modify', abs: change.abs, path: change.rel, before: change.before, after: change.after });
  if (!outcome.isApplied) return { output: `${change.rel} was not changed: ${outcome.reason}`, isError: true };
  const places = change.matches.map(describePlace).join(', ');
  const total = change.matches.reduce((n, m) => n + (m.count ?? 1), 0);
  const parts = [`Edited ${change.rel}: ${total} replacement(s) at ${places}.`];
  if (outcome.acceptedHunks) parts.push(`The user accepted hunks ${outcome.acceptedHunks.map((i) => i + 1).join(', ')} only; re-read the file before editing it again.`);
  if (outcome.isRebased) parts.push('The file had changed since it was read; the edit was merged over those changes.');
  parts.push(...(outcome.notes ?? []));
  return { output: parts.join('\n') };
}

function describePlace(m: BlockMatch): string {
  const where = m.stage === 'insert' ? `inserted before line ${m.start + 1}` : m.end - m.start > 1 ? `lines ${m.start + 1}–${m.end}` : `line ${m.start + 1}`;
  const how = m.stage === 'exact' || m.stage === 'insert' ? '' : ` (${m.stage} match)`;
  return `${where}${how}${m.count && m.count > 1 ? ` (${m.count} occurrences)` : ''}`;
}
