/** Whole-file content written over an existing file keeps that file's BOM and line-ending style. */
import { dominantEol, splitText } from './textLines';

/** `content` in the style of `existing`: its BOM and, when `content` uses only LF, its dominant ending. */
export function matchFileStyle(existing: string | null, content: string): string {
  if (existing === null) return content;
  const old = splitText(existing);
  const body = content.replace(/^\uFEFF/, '');
  const eol = dominantEol(old.lines);
  const isLfOnly = !/\r/.test(body);
  const converted = eol !== '\n' && isLfOnly ? body.replace(/\n/g, eol) : body;
  return (old.hasBom ? '\uFEFF' : '') + converted;
}
