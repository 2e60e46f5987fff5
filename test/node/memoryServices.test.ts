/** What both hosts get: memory on by default with its tools, off with --no-memory and in Restricted Mode (no notes, no memory tools). */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEngineServices } from '../../src/node/engineServices';
import { resolveSettings } from '../../src/core/settings';
import { createTestHost, makeTempDir } from '../support/testHost';

describe('engine services: memory', function () {
  this.timeout(20_000);
  it('is on by default, off with isMemoryEnabled false and in Restricted Mode; the memory folder rule stays on either way', async () => {
    const tmp = makeTempDir();
    const host = createTestHost();
    const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' });
    const root = path.join(tmp.dir, 'ws');
    mkdirSync(path.join(root, '.auto-agent/memory'), { recursive: true });
    writeFileSync(path.join(root, '.auto-agent/memory/deploy.md'), '---\ntitle: Deploying\n---\n\nfly deploy\n');
    const common = { host, settings, roots: [root], storageDir: path.join(tmp.dir, 'storage'), configDir: path.join(tmp.dir, 'config') };
    try {
      const on = await createEngineServices(common);
      assert.deepEqual((await on.memory?.recalledFor([{ text: 'deploy the app' }]))?.map((r) => r.id), ['deploy']);
      assert.equal(on.tools, undefined, 'the default registry, memory tools included');
      for (const off of [await createEngineServices({ ...common, isMemoryEnabled: false }), await createEngineServices({ ...common, isWorkspaceTrusted: false })]) {
        assert.equal(off.memory, undefined);
        assert.ok(off.tools && !off.tools.toOpenAiTools().some((t) => ['remember', 'recall', 'forget'].includes(t.function.name)));
        assert.ok(off.rules?.some((r) => r.name === 'memory-folder'));
        await off.dispose();
      }
      await on.dispose();
    } finally {
      tmp.cleanup();
    }
  });
});
