/**
 * Long-term memory end to end through the built CLI (dist/cli.js): task 1 saves a note with --yes; task 2, a new
 * process in the same workspace, gets it back in its prompt (the scripted server's request log shows it);
 * `auto-agent memory list/show/search/forget` see the same Markdown file; --no-memory leaves it all out. The
 * instruction files in effect are named in the header and kept in the transcript.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedOpenAiServer } from '../support/scriptedServer';

const cli = path.resolve(__dirname, '../../dist/cli.js');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', AUTO_AGENT_MODEL: '', NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end('');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const plan = { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Work', status: 'in_progress' }] } }] };
const finish = { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] };

describe('auto-agent memory (dist/cli.js end to end)', function () {
  this.timeout(90_000);
  let server: ScriptedOpenAiServer;
  let tmp: { dir: string; cleanup(): void };
  let repo: string;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'README.md'), '# Shop\n');
    env = { XDG_CACHE_HOME: path.join(tmp.dir, 'cache'), XDG_CONFIG_HOME: path.join(tmp.dir, 'config'), HOME: path.join(tmp.dir, 'home') };
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  const run = (goal: string, ...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    runCli(['run', '--workspace', repo, '--goal', goal, '--check', 'true', '--base-url', server.url, '--model', 'test-model', '--yes', '--json', ...extra], env);

  it('task 1 saves a note with --yes; task 2 in a new process gets it in its prompt; memory list/show/search/forget see it', async () => {
    server.enqueue(plan, { toolCalls: [{ name: 'remember', arguments: { title: 'Local Postgres listens on 5433', content: 'Start it with `docker compose up -d db`; the port is 5433, not 5432.', tags: ['database'] } }] }, finish);
    const first = await run('Set up the local database');
    assert.equal(first.code, 0, first.stderr);
    const file = path.join(repo, '.auto-agent/memory/local-postgres-listens-on-5433.md');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^---\ntitle: Local Postgres listens on 5433\n/);
    assert.match(text, /\n# Local Postgres listens on 5433\n\nStart it with `docker compose up -d db`; the port is 5433, not 5432\.\n$/);

    server.enqueue(plan, finish);
    const before = server.requests.length;
    const second = await run('Connect the API to the local Postgres database');
    assert.equal(second.code, 0, second.stderr);
    assert.match(JSON.stringify(server.requests[before].body.messages), /the port is 5433, not 5432/, 'task 2\'s first request carries the note');
    const events = second.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; notes?: { id: string }[] });
    assert.deepEqual(events.find((e) => e.type === 'memoryRecalled')?.notes?.map((n) => n.id), ['local-postgres-listens-on-5433']);

    const list = await runCli(['memory', 'list', '--workspace', repo], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^workspace\/local-postgres-listens-on-5433 {2}Local Postgres listens on 5433 {2}\(\d{4}-\d\d-\d\d\)$/m);
    const show = await runCli(['memory', 'show', 'local-postgres-listens-on-5433', '--workspace', repo], env);
    assert.ok(show.stdout.endsWith(text), 'show prints the file');
    const search = await runCli(['memory', 'search', 'which port is postgres on', '--workspace', repo], env);
    assert.match(search.stdout, /Note workspace\/local-postgres-listens-on-5433/);
    assert.match(search.stdout, /## Past task [^\n]*\nGoals: Connect the API to the local Postgres database/, 'past tasks are searched too');
    const forget = await runCli(['memory', 'forget', 'workspace/local-postgres-listens-on-5433', '--workspace', repo], env);
    assert.equal(forget.code, 0);
    assert.equal(existsSync(file), false);
  });

  it('--no-memory: no note in the prompt and no memory tools offered', async () => {
    mkdirSync(path.join(repo, '.auto-agent/memory'), { recursive: true });
    writeFileSync(path.join(repo, '.auto-agent/memory/postgres.md'), '---\ntitle: Postgres port\n---\n\nThe local Postgres port is 5433.\n');
    server.enqueue(plan, finish);
    const result = await run('Connect to the local Postgres database', '--no-memory');
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(JSON.stringify(server.requests[0].body.messages), /5433/);
    const tools = server.requests[0].body.tools?.map((t) => t.function.name) ?? [];
    assert.ok(tools.includes('read_file') && !tools.includes('remember') && !tools.includes('recall'), tools.join(','));
    server.enqueue(plan, finish);
    await run('Connect to the local Postgres database');
    assert.match(JSON.stringify(server.requests[2].body.messages), /The local Postgres port is 5433/, 'a note written by hand is recalled too');
  });

  it('the header and the transcript name the instruction files in effect (the workspace\'s and the user\'s)', async () => {
    writeFileSync(path.join(repo, 'AGENTS.md'), '# Rules\n\nRun `npm test` before finishing.\n');
    mkdirSync(path.join(tmp.dir, 'config/auto-agent'), { recursive: true });
    writeFileSync(path.join(tmp.dir, 'config/auto-agent/AGENTS.md'), 'Answer in British English.\n');
    server.enqueue(plan, finish);
    const result = await runCli(['run', '--workspace', repo, '--goal', 'Tidy the README', '--check', 'true', '--base-url', server.url, '--model', 'test-model', '--yes'], env);
    assert.equal(result.code, 0, result.stderr);
    const userFile = path.join(tmp.dir, 'config/auto-agent/AGENTS.md');
    assert.match(result.stdout, new RegExp(`Rules: AGENTS\\.md, ${userFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
    const transcript = /Transcript: (\S+\.jsonl)/.exec(result.stderr + result.stdout)?.[1];
    assert.ok(transcript, result.stderr);
    const loaded = readFileSync(transcript, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { event?: { type: string; files?: { path: string; abs: string }[] } })
      .find((r) => r.event?.type === 'instructionsLoaded');
    assert.deepEqual(loaded?.event?.files?.map((f) => f.abs), [path.join(repo, 'AGENTS.md'), userFile]);
    const prompt = JSON.stringify(server.requests[0].body.messages);
    assert.match(prompt, /Run `npm test` before finishing/);
    assert.match(prompt, /Answer in British English/);
  });

  it('AUTO_AGENT_EMBEDDING_MODEL: recall goes hybrid through the endpoint\'s /v1/embeddings and finds a note sharing no word with the goal', async () => {
    mkdirSync(path.join(repo, '.auto-agent/memory'), { recursive: true });
    writeFileSync(path.join(repo, '.auto-agent/memory/db-migrations.md'), '---\ntitle: Database migrations\n---\n\nAdd a new file in db/migrations; never edit an applied one.\n');
    const topics = [['schema', 'column', 'migration', 'database'], ['deploy', 'release']];
    server.setEmbeddings((texts) => texts.map((t) => topics.map((words) => words.filter((w) => t.toLowerCase().includes(w)).length + 0.01)));
    server.enqueue(plan, finish);
    await run('Change a column in the schema');
    assert.doesNotMatch(JSON.stringify(server.requests[0].body.messages), /never edit an applied one/, 'full text alone does not find it');
    assert.equal(server.embeddingRequests.length, 0);
    server.enqueue(plan, finish);
    const before = server.requests.length;
    const hybrid = await runCli(['run', '--workspace', repo, '--goal', 'Change a column in the schema', '--check', 'true', '--base-url', server.url, '--model', 'test-model', '--yes', '--json'], { ...env, AUTO_AGENT_EMBEDDING_MODEL: 'embed-small', OPENAI_API_KEY: 'sk-embeddings-test' });
    assert.equal(hybrid.code, 0, hybrid.stderr);
    assert.match(JSON.stringify(server.requests[before].body.messages), /never edit an applied one/);
    assert.ok(server.embeddingRequests.length >= 2 && server.embeddingRequests.every((r) => r.model === 'embed-small'), JSON.stringify(server.embeddingRequests));
  });
});
