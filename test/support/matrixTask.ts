/** The matrix's scripted task: a one-line bug, its test, and the model turns that fix it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentEvent } from '../../src/protocol/events';
import type { ScriptStep } from './scriptedServer';

export const reasoning = 'The add function must be the bug; read it and its test before changing anything.';

export const script: ScriptStep[] = [
  {
    reasoning, text: 'Reading the code and its test.',
    toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }, { name: 'read_file', arguments: { path: 'test.js' } }],
  },
  { reasoning: 'It subtracts. Make it add.', toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: '  return a - b;', replace: '  return a + b;' }] } }] },
  { toolCalls: [{ name: 'run_tests', arguments: {} }] },
  { text: 'Fixed add; the test passes.', toolCalls: [{ name: 'finish', arguments: { summary: 'add now adds; node test.js passes.' } }] },
];

export function seedWorkspace(dir: string): void {
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/math.js'), 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n');
  writeFileSync(path.join(dir, 'test.js'), "const assert = require('node:assert');\nconst { add } = require('./src/math');\nassert.equal(add(2, 3), 5);\nconsole.log('1 passing');\n");
}

/** The events of model turn `step` (from its stepStarted to the next). */
export function eventsOfStep(events: AgentEvent[], step: number): AgentEvent[] {
  const start = events.findIndex((e) => e.type === 'stepStarted' && e.step === step);
  const end = events.findIndex((e, i) => i > start && e.type === 'stepStarted');
  return events.slice(start, end < 0 ? undefined : end);
}
