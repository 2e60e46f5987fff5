/**
 * markdown-it's one use of the `entities` package, loaded on first call. The build points markdown-it's import of
 * `entities` here (esbuild.js), because `entities` unpacks its HTML entity table when its module runs, which cost
 * the panel's first frame several milliseconds (and a garbage collection) although the first frame's text rarely
 * holds an entity. `require` makes esbuild wrap the module so that it runs when first required.
 */
import type * as Decoder from './entitiesDecoder';

let decode: typeof Decoder.decodeHTMLStrict | undefined;

export function decodeHTMLStrict(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  decode ??= (require('./entitiesDecoder') as typeof Decoder).decodeHTMLStrict;
  return decode(text);
}
