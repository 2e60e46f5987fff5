import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('architecture', () => {
  it('every path docs/ARCHITECTURE.md cites exists', () => {
    const doc = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const cited = [...doc.matchAll(/`((?:src|test|bench|docs)\/[^`\s]+\.\w+)`/g)].map((m) => m[1]);
    assert.ok(cited.length >= 10, 'the doc cites its canonical files');
    const missing = cited.filter((p) => !existsSync(path.join(root, p)));
    assert.deepEqual(missing, []);
  });

  it('the engine never imports vscode or Node I/O modules (the lint rule, checked once more here)', () => {
    const offenders = filesUnder(path.join(root, 'src/core')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /from ['"](vscode|(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads))['"]|require\(['"]vscode['"]\)/.test(text);
    });
    assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  });

  it('the webview imports nothing but the protocol', () => {
    const dir = path.join(root, 'src/webview');
    if (!existsSync(dir)) return;
    const offenders = filesUnder(dir).filter((file) => /from ['"]\.\.\/(core|node|vscode|cli)\//.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
