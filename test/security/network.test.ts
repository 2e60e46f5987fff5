/**
 * SECURITY-CASES.md, "Untrusted content and exfiltration": network reads (fetch a URL) need approval unless the
 * user allowed the host; redirects are re-checked hop by hop; only http and https; size cap and timeout; HTML
 * becomes markdown with no scripts or images. No other tool makes network requests.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fetchUrlTool, htmlToMarkdown } from '../../src/core/tools/fetchUrl';
import { isHostAllowed, networkRule } from '../../src/core/policy/networkRule';
import { allTools } from '../../src/core/tools';
import { NodeHttp } from '../../src/node/nodeHttp';
import { ToolError } from '../../src/core/tools/tool';
import { makeTempDir } from '../support/testHost';
import { secureContext } from './securityContext';
import { startWebServer, type LocalWebServer } from './webServer';

const page = '<html><head><script>steal()</script><style>x{}</style></head><body><h1>Docs</h1><p>Use <code>npm test</code>.</p><img src="https://evil.example/track.png"></body></html>';

describe('security: Network', function () {
  this.timeout(20_000);
  let ws: ReturnType<typeof makeTempDir>;
  let web: LocalWebServer;
  before(async () => {
    web = await startWebServer({
      '/page': (_q, r) => { r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page); },
      '/text': (_q, r) => { r.writeHead(200, { 'content-type': 'text/plain' }).end('plain text'); },
      '/redirect-out': (_q, r) => { r.writeHead(302, { location: 'http://localhost:1/elsewhere' }).end(); },
      '/redirect-in': (_q, r) => { r.writeHead(301, { location: '/text' }).end(); },
      '/redirect-file': (_q, r) => { r.writeHead(302, { location: 'file:///etc/passwd' }).end(); },
      '/loop': (_q, r) => { r.writeHead(302, { location: '/loop' }).end(); },
      '/huge': (_q, r) => { r.writeHead(200, { 'content-type': 'text/plain' }); r.end('y'.repeat(5 * 1024 * 1024)); },
      '/binary': (_q, r) => { r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50])); },
      '/stall': () => { /* never answers */ },
    });
  });
  after(() => web.close());
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());

  async function fetchWith(url: string, options: { allowedHosts?: string[]; approve?: boolean } = {}) {
    const made = await secureContext({ root: ws.dir, settings: { allowedHosts: options.allowedHosts ?? [] }, fallback: options.approve ? { isApproved: true } : { isApproved: false, reason: 'no' } });
    made.ctx.host.http = new NodeHttp();
    const result = await fetchUrlTool.run({ url }, made.ctx).catch((err: Error) => ({ output: err.message, isError: true, thrown: err }));
    return { result, asked: made.approvals.requests };
  }

  it('Network: fetch_url asks when the host is not allow-listed, and fetches nothing when rejected', async () => {
    const before = web.hits.length;
    const { result, asked } = await fetchWith(`${web.origin}/page?q=workspace-secret`);
    assert.equal(asked.length, 1);
    assert.match(asked[0].reasons.join(' '), /not on the allowed hosts list.*private network.*query string/);
    assert.match(result.output, /Not fetched/);
    assert.equal(web.hits.length, before, 'no request left the machine');
  });

  it('Network: fetch_url runs without asking for an allow-listed host and turns HTML into markdown without scripts or images', async () => {
    const { result, asked } = await fetchWith(`${web.origin}/page`, { allowedHosts: ['127.0.0.1'] });
    assert.equal(asked.length, 0);
    assert.match(result.output, /# Docs/);
    assert.match(result.output, /untrusted web content/);
    assert.doesNotMatch(result.output, /steal|evil\.example|track\.png/);
  });

  it('Network: a redirect to another host is checked again (asks), a redirect within the allowed host is followed', async () => {
    const out = await fetchWith(`${web.origin}/redirect-out`, { allowedHosts: ['127.0.0.1'] });
    assert.equal(out.asked.length, 1);
    assert.match(out.asked[0].detail, /redirect to http:\/\/localhost:1/);
    const within = await fetchWith(`${web.origin}/redirect-in`, { allowedHosts: ['127.0.0.1'] });
    assert.equal(within.asked.length, 0);
    assert.match(within.result.output, /plain text/);
  });

  it('Network: only http and https — file:, data: and a redirect to file: are refused; so are URLs with credentials', async () => {
    for (const url of ['file:///etc/passwd', 'data:text/plain,hi', 'ftp://x.example/a', 'http://user:pw@127.0.0.1/']) {
      const { result, asked } = await fetchWith(url, { approve: true, allowedHosts: ['127.0.0.1'] });
      assert.equal(asked.length, 0, url);
      assert.match(result.output, /Only http and https|user name or password/, url);
    }
    const { result } = await fetchWith(`${web.origin}/redirect-file`, { allowedHosts: ['127.0.0.1'] });
    assert.match(result.output, /Only http and https/);
  });

  it('Network: redirects are bounded', async () => {
    const { result } = await fetchWith(`${web.origin}/loop`, { allowedHosts: ['127.0.0.1'] });
    assert.match(result.output, /Too many redirects/);
  });

  it('Network: the body is capped in size and the output says so', async () => {
    const { result } = await fetchWith(`${web.origin}/huge`, { allowedHosts: ['127.0.0.1'] });
    assert.match(result.output, /more characters not shown/);
    assert.match(result.output, /cut at/);
    assert.ok(result.output.length < 100_000);
  });

  it('Network: binary content is refused; a stalled server times out', async () => {
    const binary = await fetchWith(`${web.origin}/binary`, { allowedHosts: ['127.0.0.1'] });
    assert.match(binary.result.output, /not text/);
    const http = new NodeHttp();
    await assert.rejects(http.get({ url: `${web.origin}/stall`, timeoutMs: 300, maxBytes: 1000 }), /timed out/);
  });

  it('Network: the allow-list matches hosts exactly or by *.subdomain, never by substring', () => {
    assert.equal(isHostAllowed('docs.example.com', ['*.example.com']), true);
    assert.equal(isHostAllowed('example.com', ['*.example.com']), false);
    assert.equal(isHostAllowed('evilexample.com', ['*.example.com']), false);
    assert.equal(isHostAllowed('example.com.evil.net', ['example.com']), false);
    assert.equal(isHostAllowed('EXAMPLE.com', ['example.com']), true);
    const rule = networkRule(['example.com']);
    assert.equal((rule.evaluate({ callId: 'c', risk: 'network', toolName: 't', title: '', detail: '', url: 'not a url' }) as { kind: string }).kind, 'deny');
  });

  it('Network: no tool other than fetch_url is declared with network risk, and no core file imports a network module', () => {
    assert.deepEqual(allTools.filter((t) => t.risk === 'network').map((t) => t.name), ['fetch_url']);
    const coreDir = path.join(__dirname, '../../src/core');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && /from ['"](node:)?(https?|net|http2|dgram|undici)['"]|\bfetch\(|XMLHttpRequest|WebSocket/.test(readFileSync(full, 'utf8'))) offenders.push(full);
      }
    };
    walk(coreDir);
    assert.deepEqual(offenders.filter((f) => !/llm[\\/]/.test(f)), []);
  });

  it('Network: htmlToMarkdown drops scripts, styles, iframes and images', () => {
    const md = htmlToMarkdown('<p>a</p><iframe src="x"></iframe><script>b()</script><img src="http://x/y.png" alt="z">');
    assert.equal(md, 'a');
    assert.ok(ToolError);
  });
});
