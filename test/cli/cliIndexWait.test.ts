/**
 * `auto-agent run` does not wait for a first index: on a cold cache the first model request carries the map of what
 * is indexed so far, saying that it is partial; on a warm cache it carries the whole map. AUTO_AGENT_INDEX_WAIT_MS=0
 * makes the cold case independent of timing (no wait at all once the index has files to parse).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ScriptedServer } from '../support/scriptedServer';
import { runCli, useCliFixture } from './cliHarness';

describe('auto-agent run and the code index (dist/cli.js)', function () {
  this.timeout(60_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
    mkdirSync(path.join(repo, 'src', 'more'), { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(path.join(repo, 'src', 'more', `part${i}.js`), `function partNumber${i}() {\n  return ${i};\n}\n\nmodule.exports = { partNumber${i} };\n`);
  });

  const firstMapMessage = (): string => JSON.stringify(server.requests[0]?.body.messages?.[1] ?? '');
  const run = () => runCli(['run', '--workspace', repo, '--goal', 'Fix month() in src/date.js', '--base-url', server.url, '--model', 'test-model', '--yes', '--json', '--max-steps', '1'],
    { env: { XDG_CACHE_HOME: cache, AUTO_AGENT_INDEX_WAIT_MS: '0' } });

  it('on a cold cache, the first request has a partial map that says so, inside the fenced repo map', async () => {
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'stop here' } }] });
    await run();
    assert.ok(server.requests.length >= 1, 'the model was asked');
    assert.match(firstMapMessage(), /<tool_result tool=\\"repo_map\\"[^>]*>\\n\(Partial map: the code index was still being built when this task started, \d+ of 42 files indexed;/);
  });

  it('on a warm cache, the first request has the whole map and no partial note', async () => {
    const map = await runCli(['map', repo], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(map.code, 0, map.stderr);
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'stop here' } }] });
    await run();
    assert.match(firstMapMessage(), /Repository map.*src\/date\.js/);
    assert.doesNotMatch(firstMapMessage(), /Partial map/);
  });
});
