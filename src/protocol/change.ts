/** Schemas of a proposed file change, shared by the engine, the hosts and the webview. */
import { z } from 'zod';

/** One hunk of a unified diff; `lines` carry their ' ', '-' or '+' prefix as in a patch. */
export const diffHunkSchema = z.object({
  index: z.number().int().nonnegative(),
  oldStart: z.number().int().nonnegative(),
  oldLines: z.number().int().nonnegative(),
  newStart: z.number().int().nonnegative(),
  newLines: z.number().int().nonnegative(),
  lines: z.array(z.string()),
});
export type DiffHunk = z.infer<typeof diffHunkSchema>;

/** What a change does to its file. */
export const changeKindSchema = z.enum(['create', 'modify', 'delete', 'rename']);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/**
 * A change as the user reviews it: the workspace-relative path, the hash of the content it was computed
 * from (null for a new file), and its hunks. The full contents stay in the engine; the view needs the hunks.
 */
export const changeViewSchema = z.object({
  changeId: z.string(),
  path: z.string(),
  newPath: z.string().optional(),
  kind: changeKindSchema,
  baseHash: z.string().nullable(),
  hunks: z.array(diffHunkSchema),
  isBinary: z.boolean().default(false),
});
export type ChangeView = z.infer<typeof changeViewSchema>;
