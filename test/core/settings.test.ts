import { strict as assert } from 'node:assert';
import { defaultBudgets, defaultPolicy, resolveSettings } from '../../src/core/settings';

describe('resolveSettings', () => {
  it('keeps the defaults for budgets and policy keys left out or undefined, and takes the rest', () => {
    const settings = resolveSettings({
      baseUrl: 'http://localhost:11434/v1', model: 'm',
      budgets: { maxSteps: 7, maxCostUsd: undefined }, policy: { edit: 'auto', execute: undefined },
    });
    assert.deepEqual(settings.budgets, { ...defaultBudgets, maxSteps: 7 });
    assert.deepEqual(settings.policy, { ...defaultPolicy, edit: 'auto' });
    assert.deepEqual(settings.allowedCommands, []);
  });
});
