/** read_file: a text file's lines, numbered, with encoding and binary detection and caps that say how to go on. */
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext, type ToolResult, clipLabel as clip } from './tool';
import { imageAttachment, imageMediaType, maxImageBytes, noVisionNote } from './imageFile';
import { decodeText, type TextEncodingName } from '../text/decodeText';
import { invisibleWarning, revealInvisible } from '../text/revealInvisible';

/** Caps of one read: files above `maxFileBytes` are refused; the output holds at most `maxLines` lines and `maxChars` characters. */
export const readLimits = { maxFileBytes: 10 * 1024 * 1024, maxLines: 2000, maxChars: 60_000, maxLineChars: 2000 };

const description = `Read a text file of the workspace. Lines come numbered ("  12\\t<text>"); the numbers are not part of the file, so never copy them into edits.
Use it to look at code before changing it, and read only the range you need: pass startLine/endLine (1-based, inclusive) for big files.
Limits: at most ${readLimits.maxLines} lines or ${readLimits.maxChars} characters per call (the result says how to read the rest); lines over ${readLimits.maxLineChars} characters are cut with a marker; files over ${readLimits.maxFileBytes / 1024 / 1024} MB and binary files are refused (use search_text to find things in them).
An image (PNG, JPEG, GIF, WebP) is shown to you as an image when you can take images; otherwise the result says so.
Reports the encoding when it is not plain UTF-8, CRLF line endings, and shows invisible or bidirectional Unicode characters as \\u{XXXX} escapes with a warning.`;

export const readFileTool = defineTool({
  name: 'read_file',
  description,
  schema: z.object({
    path: z.string().min(1).describe('File path, relative to the workspace root (or absolute inside it).'),
    startLine: z.number().int().min(1).optional().describe('First line to show, 1-based. Default 1.'),
    endLine: z.number().int().min(1).optional().describe('Last line to show, inclusive. Default: as far as the limits allow.'),
  }),
  risk: 'read',
  label: (input) => `Read ${clip(input.path)}${input.startLine || input.endLine ? `:${input.startLine ?? 1}-${input.endLine ?? ''}` : ''}`,
  async run({ path, startLine, endLine }, ctx) {
    const target = await ctx.paths.resolve(path, 'read');
    const bytes = await readBytes(ctx, target.abs, path);
    if (bytes.length === 0) return { output: `${path} is empty (0 bytes).` };
    const mediaType = imageMediaType(bytes);
    if (mediaType) return readImage(bytes, path, mediaType, ctx);
    const decoded = decodeText(bytes);
    if (decoded.kind === 'binary') {
      throw new ToolError(`${path} looks like a binary file (${formatSize(bytes.length)}): ${decoded.reason}. It is not shown. Use run_command with a suitable tool (for example \`file\` or \`xxd | head\`) if you really need to inspect it.`);
    }
    return { output: renderLines({ path, text: decoded.text, encoding: decoded.encoding, note: decoded.note, startLine, endLine }) };
  },
});

/** An image goes to a vision-capable model as an image; another model gets a note that says why it does not. */
function readImage(bytes: Uint8Array, path: string, mediaType: string, ctx: ToolContext): ToolResult {
  const facts = `${path} is an image (${mediaType}, ${formatSize(bytes.length)})`;
  if (!ctx.hasVision) return { output: `${facts}. ${noVisionNote(ctx.settings.model, [path])}` };
  const image = imageAttachment(bytes, path);
  if (!image) return { output: `${facts}: too large to show (the limit is ${formatSize(maxImageBytes)}). Make a smaller copy with run_command if you need to see it.` };
  return { output: `${facts}; it is attached for you to look at.`, images: [image] };
}

async function readBytes(ctx: ToolContext, abs: string, shown: string): Promise<Uint8Array> {
  const stat = await ctx.host.files.stat(abs);
  if (!stat) throw new ToolError(`File not found: ${shown}. Check the path with list_files (paths are relative to the workspace root).`);
  if (stat.isDirectory) throw new ToolError(`${shown} is a directory, not a file. Use list_files to see what it contains.`);
  // A FIFO, socket or device would block or never end: only regular files are read.
  if (!stat.isFile) throw new ToolError(`${shown} is not a regular file (a pipe, socket or device), so it is not read.`);
  if (stat.size > readLimits.maxFileBytes) {
    throw new ToolError(`${shown} is too large to read (${formatSize(stat.size)}; the limit is ${formatSize(readLimits.maxFileBytes)}). Use search_text to find the part you need, or run_command with head/tail/sed to show a slice.`);
  }
  return ctx.host.files.readFile(abs);
}

interface RenderInput {
  path: string;
  text: string;
  encoding: TextEncodingName;
  note?: string;
  startLine?: number;
  endLine?: number;
}

function renderLines(input: RenderInput): string {
  const lines = splitLines(input.text);
  const total = lines.length;
  const first = input.startLine ?? 1;
  if (first > total) throw new ToolError(`startLine ${first} is past the end of ${input.path}, which has ${total} line${total === 1 ? '' : 's'}.`);
  if (input.endLine !== undefined && input.endLine < first) throw new ToolError(`endLine ${input.endLine} is before startLine ${first}.`);
  const wantedLast = Math.min(input.endLine ?? total, total);
  const width = String(wantedLast).length;
  const body: string[] = [];
  let chars = 0;
  let cutLines = 0;
  let last = first - 1;
  for (let n = first; n <= wantedLast && body.length < readLimits.maxLines; n++) {
    const { text, isCut } = cutLine(lines[n - 1]);
    const row = `${String(n).padStart(width)}\t${text}`;
    if (chars + row.length > readLimits.maxChars && body.length > 0) break;
    body.push(row);
    chars += row.length + 1;
    if (isCut) cutLines++;
    last = n;
  }
  const revealed = revealInvisible(body.join('\n'));
  const header = headerLines({ ...input, total, first, last, wantedLast, cutLines, isCrlf: /\r\n/.test(input.text) });
  const warning = invisibleWarning(revealed.found);
  return [...header, ...(warning ? [warning] : []), revealed.text, ...footer(input.path, last, wantedLast, total)].join('\n');
}

interface HeaderInput extends RenderInput {
  total: number;
  first: number;
  last: number;
  wantedLast: number;
  cutLines: number;
  isCrlf: boolean;
}

function headerLines(h: HeaderInput): string[] {
  const range = h.first === 1 && h.last === h.total ? `all ${h.total} lines` : `lines ${h.first}-${h.last} of ${h.total}`;
  const facts = [range];
  if (h.encoding !== 'utf-8') facts.push(`encoding ${h.encoding}`);
  if (h.isCrlf) facts.push(/(^|[^\r])\n/.test(h.text) ? 'mixed CRLF and LF line endings' : 'CRLF line endings');
  const out = [`${h.path} (${facts.join(', ')})`];
  if (h.note) out.push(`Note: ${h.note}.`);
  if (h.cutLines > 0) out.push(`Note: ${h.cutLines} line${h.cutLines === 1 ? ' was' : 's were'} longer than ${readLimits.maxLineChars} characters and cut (marked "… [line cut").`);
  return out;
}

function footer(path: string, last: number, wantedLast: number, total: number): string[] {
  if (last < wantedLast) {
    return [`… Output limit reached at line ${last}. To read on, call read_file with path "${path}" and startLine ${last + 1}${wantedLast < total ? ` (endLine ${wantedLast})` : ''}.`];
  }
  return [];
}

/** Lines without their terminators; a final newline does not start an extra empty line. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function cutLine(line: string): { text: string; isCut: boolean } {
  if (line.length <= readLimits.maxLineChars) return { text: line, isCut: false };
  return { text: `${line.slice(0, readLimits.maxLineChars)}… [line cut: ${line.length - readLimits.maxLineChars} more characters]`, isCut: true };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
