/**
 * fetch_url returns a page's main content (Mozilla's Readability on linkedom): navigation, sidebars and footers are
 * dropped, scripts never run, the size cap still holds; `whole_page` keeps everything; a page without an article
 * is converted whole.
 */
import { strict as assert } from 'node:assert';
import { fetchLimits, fetchUrlTool, pageToMarkdown } from '../../src/core/tools/fetchUrl';
import { NodeHttp } from '../../src/node/nodeHttp';
import { makeTempDir } from '../support/testHost';
import { secureContext } from './securityContext';
import { startWebServer, type LocalWebServer } from './webServer';

const paragraph = (n: number): string => `<p>Paragraph ${n} of the guide explains how zod parses a value, what safeParse returns, and how errors are formatted for the user.</p>`;
const article = (paragraphs: number): string => `<!doctype html><html><head><title>Zod guide - Example Docs</title><script>document.title = 'ran'; steal();</script></head><body>
  <nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">NAVIGATION-LINK Log in</a></nav>
  <aside class="sidebar"><h3>Related</h3><ul><li><a href="/a">SIDEBAR-ITEM one</a></li><li><a href="/b">SIDEBAR-ITEM two</a></li></ul></aside>
  <main><article><h1>Zod guide</h1>${Array.from({ length: paragraphs }, (_, i) => paragraph(i + 1)).join('\n')}<img src="https://tracker.example/p.png"></article></main>
  <footer>FOOTER-TEXT © 2026 Example Inc. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>`;

describe('security: fetch_url main content', function () {
  this.timeout(20_000);
  let web: LocalWebServer;
  let ws: ReturnType<typeof makeTempDir>;
  before(async () => {
    web = await startWebServer({
      '/guide': (_q, r) => { r.writeHead(200, { 'content-type': 'text/html' }).end(article(6)); },
      '/long': (_q, r) => { r.writeHead(200, { 'content-type': 'text/html' }).end(article(800)); },
    });
  });
  after(() => web.close());
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());

  async function fetchPage(route: string, isWholePage?: boolean): Promise<string> {
    const made = await secureContext({ root: ws.dir, settings: { allowedHosts: ['127.0.0.1'] } });
    made.ctx.host.http = new NodeHttp();
    return (await fetchUrlTool.run({ url: `${web.origin}${route}`, whole_page: isWholePage }, made.ctx)).output;
  }

  it('fetch_url: the article is kept, navigation, sidebar and footer are dropped, scripts and images are not in it', async () => {
    const out = await fetchPage('/guide');
    assert.match(out, /Paragraph 1 of the guide[\s\S]*Paragraph 6 of the guide/);
    assert.doesNotMatch(out, /NAVIGATION-LINK|SIDEBAR-ITEM|FOOTER-TEXT/, out);
    assert.doesNotMatch(out, /steal|tracker\.example|ran/);
    assert.match(out, /untrusted web content/);
  });

  it('fetch_url: whole_page keeps the navigation and the footer', async () => {
    const out = await fetchPage('/guide', true);
    assert.match(out, /NAVIGATION-LINK[\s\S]*Paragraph 1[\s\S]*FOOTER-TEXT/);
  });

  it('fetch_url: the main content is still cut at the size cap', async () => {
    const out = await fetchPage('/long');
    assert.match(out, /\[… \d+ more characters not shown\]/);
    const body = out.slice(out.indexOf('\n\n') + 2, out.indexOf('\n\n[…'));
    assert.ok(body.length <= fetchLimits.maxChars, `${body.length} characters`);
  });

  it('fetch_url: a short page with no article is converted whole rather than lost', () => {
    assert.equal(pageToMarkdown('<html><body><h1>Status</h1><p>All systems up.</p></body></html>'), '# Status\n\nAll systems up.');
  });
});
