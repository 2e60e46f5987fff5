/** Runs real tasks with long-term memory on: the loop harness plus the memory services both hosts build. */
import * as path from 'node:path';
import type { AgentEvent, Goal } from '../../../src/protocol/events';
import type { Host } from '../../../src/core/host';
import type { TaskOptions } from '../../../src/core/loop/runTask';
import { defaultRules } from '../../../src/core/policy/defaultRules';
import { resolveSettings, type AgentSettings } from '../../../src/core/settings';
import { createParser } from '../../../src/node/grammars';
import { createMemoryServices, memoryFolderRuleFor } from '../../../src/node/memoryServices';
import { NodeStore } from '../../../src/node/nodeStore';
import { createTestHost } from '../../support/testHost';
import { createHarness, type Harness } from '../loop/loopHarness';

export interface MemoryHarness extends Harness {
  configDir: string;
  storageDir: string;
  host(): Host;
  runWithMemory(options?: { goals?: Goal[]; settings?: Partial<AgentSettings>; extra?: Partial<TaskOptions> }): Promise<{ events: AgentEvent[]; recalledIds: string[] }>;
}

export async function createMemoryHarness(): Promise<MemoryHarness> {
  const h = await createHarness();
  const parent = path.dirname(h.dir);
  const configDir = path.join(parent, 'config');
  const storageDir = path.join(parent, 'cache');
  const host = (): Host => ({ ...createTestHost({ approvals: h.approvals }), store: new NodeStore(path.join(parent, 'store')), homeDir: path.join(parent, 'home') });
  return {
    ...h, configDir, storageDir, host,
    async runWithMemory(options = {}) {
      const memory = createMemoryServices({ host: host(), root: h.dir, storageDir, configDir });
      const goals = options.goals ?? [{ text: 'Do the thing' }];
      const recalled = await memory.recalledFor(goals);
      const settings = resolveSettings({ baseUrl: h.server.url, model: 'test-model', policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' }, ...options.settings });
      const rules = [
        ...defaultRules({ settings, roots: [h.dir], files: host().files, homeDir: host().homeDir, bashParser: await createParser('bash') }),
        memoryFolderRuleFor(host(), h.dir, configDir), ...memory.rules,
      ];
      const { events } = await h.run({ goals, settings: options.settings, extra: { rules, recalled, contextExtras: { memory: memory.memory }, ...options.extra } });
      return { events, recalledIds: recalled.map((r) => r.id) };
    },
  };
}
