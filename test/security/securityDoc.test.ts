/**
 * docs/SECURITY.md names the tests that cover each case of SECURITY-CASES.md. This keeps the table honest: every
 * test name it quotes must be the start of a real test title in test/security/ (titles listed by a mocha dry run),
 * so renaming a test without updating the table fails.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

describe('security: docs/SECURITY.md', function () {
  this.timeout(120_000);
  it('every test name quoted in the cases table exists in test/security/', () => {
    const root = path.join(__dirname, '../..');
    const doc = readFileSync(path.join(root, 'docs/SECURITY.md'), 'utf8');
    const dry = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--no-config', '--node-option', 'import=tsx', '--dry-run', '--reporter', 'json', 'test/security/*.test.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const titles = (JSON.parse(dry.stdout.slice(dry.stdout.indexOf('{'))) as { tests: { title: string }[] }).tests.map((t) => t.title);
    const unescape = (text: string): string => text.replace(/\\([`"|])/g, '$1');
    const quoted = [...doc.matchAll(/"((?:Paths|Writes|Commands|Network|Untrusted content|Reads|Webview|Restricted Mode|Secrets|Model|API|Files|Git|Fuzz|Memory poisoning|MCP): (?:[^"\\]|\\.)+)"/g)].map((m) => unescape(m[1]));
    assert.ok(quoted.length > 60, `only ${quoted.length} test names found in the table`);
    const missing = quoted
      .map((name) => name.split(/…|`?<[a-z]/)[0].trim())
      .filter((fragment) => !titles.some((title) => title.startsWith(fragment) || title.includes(fragment)));
    assert.deepEqual(missing, []);
  });
});
