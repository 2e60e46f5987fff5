/** The one decoder markdown-it uses, on its own so that the build keeps only its table (see lazyEntities.ts). */
export { decodeHTMLStrict } from 'entities/decode';
