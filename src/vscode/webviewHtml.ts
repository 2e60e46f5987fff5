/**
 * The HTML shell of both webviews: a strict Content-Security-Policy with a per-load nonce, only the extension's
 * own bundled script, styles and codicon font, no remote content.
 *
 * For a fast first paint the script and the two stylesheets are inlined (each carrying the nonce), so the
 * document needs no resource round trip before it can run and paint, and the host's first message (the panel's
 * snapshot) can travel inside the page as inert JSON instead of waiting for a ready → snapshot round trip.
 * VS Code keeps a webview's frame hidden until its document's `load` event, which waits for every font being
 * fetched; so the codicon font face is switched on by the script once the page has loaded (deferredIcons.ts),
 * and the icon glyphs stay hidden until then instead of showing as missing-glyph boxes.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/** The folders a webview may load from: the bundled scripts and the media folder. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export interface WebviewHtmlOptions {
  script: 'panel' | 'chat';
  title: string;
  /** A first inbound message, embedded as JSON the script validates and handles before its first paint. */
  initialMessage?: unknown;
  /** Echoed by the script in `webview/ready`, so the host knows which embedded message the page rendered. */
  loadId?: string;
  /**
   * The panel's markdown renderer (a script of its own): inlined when the first frame shows model text, else
   * named for the panel to load after its first paint.
   */
  markdown?: 'inline' | 'lazy';
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, options: WebviewHtmlOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource} data:`,
    `style-src 'nonce-${nonce}' ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const codicons = inlineAsset(extensionUri, 'dist', 'webview', 'codicons', 'codicon.css');
  const styles = inlineAsset(extensionUri, 'media', 'webview.css');
  const script = inlineAsset(extensionUri, 'dist', 'webview', `${options.script}.js`);
  const font = asset('dist', 'webview', 'codicons', 'codicon.ttf');
  const markdownSrc = asset('dist', 'webview', 'markdownScript.js');
  const markdown = options.markdown === 'inline' ? inlineAsset(extensionUri, 'dist', 'webview', 'markdownScript.js') : undefined;
  const markdownTag = options.markdown !== 'inline' ? ''
    : markdown === undefined ? `<script nonce="${nonce}" src="${markdownSrc}"></script>` : `<script nonce="${nonce}">${markdown}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${codicons === undefined ? `<link rel="stylesheet" href="${asset('dist', 'webview', 'codicons', 'codicon.css')}">` : deferredIconStyles(codicons, font, nonce)}
${styles === undefined ? `<link rel="stylesheet" href="${asset('media', 'webview.css')}">` : `<style nonce="${nonce}">${styles}</style>`}
<title>${options.title}</title>
</head>
<body class="${options.script}">
<div id="app" role="application" aria-label="${options.title}"${options.markdown === 'lazy' ? ` data-markdown-src="${markdownSrc}"` : ''}></div>
${options.initialMessage === undefined ? '' : `<script nonce="${nonce}" type="application/json" id="initial-message" data-load-id="${options.loadId ?? ''}">${inertJson(options.initialMessage)}</script>`}
${markdownTag}
${script === undefined ? `<script nonce="${nonce}" src="${asset('dist', 'webview', `${options.script}.js`)}"></script>` : `<script nonce="${nonce}">${script}</script>`}
</body>
</html>`;
}

/** The codicon rules inline, with the font face in a stylesheet that matches no media until the script enables it. */
function deferredIconStyles(codicons: string, font: string, nonce: string): string {
  const fontFace = /@font-face\s*{[^}]*}/.exec(codicons)?.[0];
  if (!fontFace) return `<style nonce="${nonce}">${codicons}</style>`;
  return `<style nonce="${nonce}">${codicons.replace(fontFace, '')}</style>
<style nonce="${nonce}" id="codicon-font" media="not all">${fontFace.replace(/url\("\.\/codicon\.ttf[^"]*"\)/, `url("${font}")`)}</style>
<style nonce="${nonce}" id="codicon-hide">.codicon[class*='codicon-']::before { visibility: hidden; }</style>`;
}

/** JSON that cannot end its <script> element or open an HTML comment in it: every `<` is a JSON escape. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const assets = new Map<string, string | undefined>();

/**
 * A bundled asset's text, read once per extension host, or undefined (then the page links it instead) when it
 * is missing or could end the element it is inlined in. The build escapes those sequences in the webview bundles.
 */
function inlineAsset(extensionUri: vscode.Uri, ...parts: string[]): string | undefined {
  const file = vscode.Uri.joinPath(extensionUri, ...parts).fsPath;
  if (!assets.has(file)) {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    assets.set(file, text !== undefined && !/<\/(?:script|style)|<!--/i.test(text) ? text : undefined);
  }
  return assets.get(file);
}
