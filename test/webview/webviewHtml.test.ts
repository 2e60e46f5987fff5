/**
 * The webview page as the host builds it for a fast first paint: inlined script and styles under the nonce, the
 * snapshot as inert JSON, the panel's markdown renderer inlined or named for later. Drives the real module through
 * the minimal fake `vscode` of the security tests, against a temporary extension folder.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeVscode } from '../security/fakeVscode';
import { makeTempDir } from '../support/testHost';

// The fake Uri has no fsPath; the page reads its assets from disk through it.
Object.defineProperty(fakeVscode.Uri.prototype, 'fsPath', { configurable: true, get(this: { path: string }) { return this.path; } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webviewHtml } = require('../../src/vscode/webviewHtml') as typeof import('../../src/vscode/webviewHtml');

const webview = { cspSource: 'vscode-webview-resource:', asWebviewUri: (u: { path: string }) => ({ toString: () => `vscode-webview-resource://ext${u.path}` }) };

const cleanups: (() => void)[] = [];
after(() => { for (const c of cleanups) c(); });

async function extensionFolder(files: Record<string, string>): Promise<string> {
  const { dir: root, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const assets = {
  'dist/webview/panel.js': 'window.panelRan = true;',
  'dist/webview/markdownScript.js': 'window.markdownRan = true;',
  'dist/webview/codicons/codicon.css': '@font-face { font-family: "codicon"; src: url("./codicon.ttf?abc") format("truetype"); }',
  'media/webview.css': 'body { color: var(--vscode-foreground); }',
};

function page(root: string, options: Partial<Parameters<typeof webviewHtml>[2]> = {}): { html: string; nonce: string } {
  const html = webviewHtml(webview as never, fakeVscode.Uri.file(root) as never, { script: 'panel', title: 'Auto Agent', ...options });
  const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1] ?? '';
  return { html, nonce };
}

describe('webview page for a fast first paint', () => {
  it('inlines the script and both stylesheets, each under the nonce, and points the font at the webview URI', async () => {
    const { html, nonce } = page(await extensionFolder(assets));
    assert.ok(nonce.length >= 16);
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/]/g, '\\$&')}">window.panelRan = true;</script>`));
    assert.equal([...html.matchAll(/<(script|style)\b[^>]*>/g)].every((m) => m[0].includes(`nonce="${nonce}"`)), true);
    assert.ok(!/<link rel="stylesheet"/.test(html), 'no stylesheet round trip');
    // The font face waits in a stylesheet matching no media (VS Code shows the frame only after `load`, which a font fetch holds up).
    assert.match(html, /<style nonce="[^"]+" id="codicon-font" media="not all">@font-face[^<]*url\("vscode-webview-resource:\/\/ext\/.*\/dist\/webview\/codicons\/codicon\.ttf"\)/);
    assert.match(html, /<style nonce="[^"]+" id="codicon-hide">/);
    assert.ok(!/rel="preload"/.test(html), 'no preload: it would hold up the load event');
    const csp = /content="(default-src[^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /script-src 'nonce-[^']+'(;|$)/, 'scripts: the nonce only');
    assert.match(csp, /default-src 'none'/);
  });

  it('embeds the first message as inert JSON: text in it cannot close the element or run', async () => {
    const hostile = '</script><script>alert(1)</script><!-- x';
    const { html } = page(await extensionFolder(assets), { initialMessage: { type: 'session/restored', text: hostile }, loadId: '7' });
    const json = /<script nonce="[^"]+" type="application\/json" id="initial-message" data-load-id="7">([^]*?)<\/script>/.exec(html)?.[1] ?? '';
    assert.ok(!json.includes('<'), json);
    assert.deepEqual(JSON.parse(json), { type: 'session/restored', text: hostile });
  });

  it("inlines the panel's markdown renderer when asked, else names it for the panel to load later", async () => {
    const root = await extensionFolder(assets);
    const inline = page(root, { markdown: 'inline' }).html;
    assert.ok(inline.indexOf('window.markdownRan') > 0 && inline.indexOf('window.markdownRan') < inline.indexOf('window.panelRan'), 'renderer before the panel');
    const lazy = page(root, { markdown: 'lazy' }).html;
    assert.ok(!lazy.includes('window.markdownRan'));
    assert.match(lazy, /<div id="app"[^>]* data-markdown-src="vscode-webview-resource:\/\/ext\/.*\/dist\/webview\/markdownScript\.js"/);
  });

  it('links an asset it cannot inline safely, or cannot read, instead of inlining it', async () => {
    const root = await extensionFolder({ ...assets, 'dist/webview/panel.js': 'const s = "</script>";' });
    fs.rmSync(path.join(root, 'media', 'webview.css'));
    const { html, nonce } = page(root);
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/]/g, '\\$&')}" src="vscode-webview-resource://ext/.*/dist/webview/panel\\.js"></script>`));
    assert.match(html, /<link rel="stylesheet" href="vscode-webview-resource:\/\/ext\/.*\/media\/webview\.css">/);
  });
});
