import * as assert from 'node:assert/strict';
import { mentionedFiles, mentionedIdentifiers } from '../../../src/core/codebase/mentions';

describe('mentions in a goal', () => {
  it('finds code-shaped identifiers and leaves plain words out', () => {
    const goal = 'Fix the test: parseConfig fails when ConfigLoader.loadAll reads MAX_RETRIES from user_settings; also see the file list.';
    assert.deepEqual(mentionedIdentifiers(goal).sort(), ['ConfigLoader', 'MAX_RETRIES', 'loadAll', 'parseConfig', 'user_settings']);
  });

  it('finds known files by path or by name', () => {
    const known = ['src/config/loader.ts', 'src/main.ts', 'test/loader.test.ts'];
    assert.deepEqual(mentionedFiles('Look at config/loader.ts and main.ts, not README.md', known), ['src/config/loader.ts', 'src/main.ts']);
  });
});
