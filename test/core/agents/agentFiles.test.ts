/** Finding and parsing the agents the user defined: the workspace folder, the user folder, Restricted Mode. */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadAgentDefinitions } from '../../../src/core/agents/agentFiles';
import { parseAgentFile } from '../../../src/core/agents/agentDefinition';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { makeTempDir } from '../../support/testHost';

const file = (name: string, description: string, extra = '') => `---\nname: ${name}\ndescription: ${description}\n${extra}---\nInstructions of ${name}.\n`;

describe('agent files', () => {
  let tmp: { dir: string; cleanup(): void };
  let root: string;
  let configDir: string;
  beforeEach(() => {
    tmp = makeTempDir();
    root = path.join(tmp.dir, 'ws');
    configDir = path.join(tmp.dir, 'config');
    mkdirSync(path.join(root, '.auto-agent', 'agents'), { recursive: true });
    mkdirSync(path.join(configDir, 'agents'), { recursive: true });
    writeFileSync(path.join(root, '.auto-agent', 'agents', 'reviewer.md'), file('reviewer', 'Reviews from the workspace', 'tools: read, execute\n'));
    writeFileSync(path.join(configDir, 'agents', 'reviewer.md'), file('reviewer', 'Reviews from the user folder'));
    writeFileSync(path.join(configDir, 'agents', 'scout.md'), file('scout', 'Scouts', 'model: small\n'));
  });
  afterEach(() => tmp.cleanup());

  const load = (isWorkspaceTrusted: boolean, warnings: string[] = []) => loadAgentDefinitions({
    files: new NodeFiles(), root, configDir, homeDir: tmp.dir, isWorkspaceTrusted, warn: (m) => warnings.push(m),
  });

  it('loads the workspace\'s and the user\'s agents; the workspace\'s wins on a name', async () => {
    const agents = await load(true);
    assert.deepEqual(agents.map((a) => [a.name, a.description, a.source, a.path, a.tools]), [
      ['reviewer', 'Reviews from the workspace', 'workspace', '.auto-agent/agents/reviewer.md', ['read', 'execute']],
      ['scout', 'Scouts', 'user', '~/config/agents/scout.md', ['read']],
    ]);
    assert.equal(agents[1].model, 'small');
    assert.equal(agents[0].instructions, 'Instructions of reviewer.');
  });

  it('does not load the workspace\'s agents in Restricted Mode (the user\'s still load)', async () => {
    const agents = await load(false);
    assert.deepEqual(agents.map((a) => [a.name, a.source]), [['reviewer', 'user'], ['scout', 'user']]);
  });

  it('skips a file that does not parse and says why', async () => {
    const dir = path.join(root, '.auto-agent', 'agents');
    writeFileSync(path.join(dir, 'plain.md'), 'No front matter here.\n');
    writeFileSync(path.join(dir, 'explore.md'), file('explore', 'Shadows the built-in kind'));
    writeFileSync(path.join(dir, 'bad.md'), file('Bad Name', 'x'));
    writeFileSync(path.join(dir, 'notes.txt'), file('notes', 'not Markdown'));
    const warnings: string[] = [];
    const agents = await load(true, warnings);
    assert.deepEqual(agents.map((a) => a.name), ['reviewer', 'scout']);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.match(warnings.join('\n'), /bad\.md: name: lowercase letters/);
    assert.match(warnings.join('\n'), /explore\.md: the name "explore" is a built-in kind/);
    assert.match(warnings.join('\n'), /plain\.md: no front matter/);
  });

  it('reads only the fields it knows: a file cannot set approvals or the policy', () => {
    const parsed = parseAgentFile(file('fixer', 'Fixes', 'tools: [edit]\npolicy: { edit: auto }\napproval: never\n'), { source: 'workspace', path: 'x.md' });
    assert.ok(!('error' in parsed));
    assert.deepEqual(Object.keys(parsed).sort(), ['description', 'instructions', 'name', 'path', 'source', 'tools']);
  });
});
