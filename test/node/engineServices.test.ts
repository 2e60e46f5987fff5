import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEngineServices, createIndexer } from '../../src/node/engineServices';
import { resolveSettings } from '../../src/core/settings';
import { createTestHost, makeTempDir } from '../support/testHost';

describe('engine services', () => {
  it('lend a caller-owned index to each task without disposing it, and refresh it for changes made meanwhile', async () => {
    const tmp = makeTempDir();
    const host = createTestHost();
    const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' });
    const storageDir = path.join(tmp.dir, 'storage');
    const root = path.join(tmp.dir, 'ws');
    mkdirSync(root);
    writeFileSync(path.join(root, 'a.ts'), 'export function alpha(): number { return 1; }\n');
    const codebase = createIndexer({ root, storageDir, host });
    try {
      const first = await createEngineServices({ host, settings, roots: [root], storageDir, codebase });
      assert.equal(first.codebase, codebase);
      assert.equal((await codebase.findSymbol('alpha')).length, 1);
      await first.dispose();
      writeFileSync(path.join(root, 'b.ts'), 'export function beta(): number { return 2; }\n');
      const second = await createEngineServices({ host, settings, roots: [root], storageDir, codebase });
      await codebase.refresh();
      assert.equal((await codebase.findSymbol('beta')).length, 1, 'the same index, still alive and refreshed');
      await second.dispose();
    } finally {
      await codebase.dispose();
      tmp.cleanup();
    }
  });
});
