/**
 * Schemas of a proposed file change, shared by the engine, the hosts and the webview. Written with `zod/mini`
 * (zod 4's tree-shakable API) so that the webview bundles only the validators it uses.
 */
import * as z from 'zod/mini';

const count = (): z.ZodMiniInt => z.int().check(z.nonnegative());

/** One hunk of a unified diff; `lines` carry their ' ', '-' or '+' prefix as in a patch. */
export const diffHunkSchema = z.object({
  index: count(),
  oldStart: count(),
  oldLines: count(),
  newStart: count(),
  newLines: count(),
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
  newPath: z.optional(z.string()),
  kind: changeKindSchema,
  baseHash: z.nullable(z.string()),
  hunks: z.array(diffHunkSchema),
  isBinary: z._default(z.boolean(), false),
});
export type ChangeView = z.infer<typeof changeViewSchema>;
