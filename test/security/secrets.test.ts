/**
 * SECURITY-CASES.md, "Untrusted content and exfiltration": the API key lives in the environment (CLI) or
 * SecretStorage, never in settings, logs, transcripts, error messages or telemetry. A whole task runs with a
 * recognisable fake key that shows up in a file, in command output, in the model's own text and in an API error;
 * then every output (events, transcript, log file, outcome, CLI stdout/stderr) is grepped for it.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentEvent } from '../../src/protocol/events';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { runTask } from '../../src/core/loop/runTask';
import { defaultRules } from '../../src/core/policy/defaultRules';
import { redactSecrets, redactValue, StreamRedactor } from '../../src/core/policy/redact';
import { resolveSettings } from '../../src/core/settings';
import { NodeFiles } from '../../src/node/nodeFiles';
import { NodeLogger } from '../../src/node/nodeLogger';
import { NodeStore } from '../../src/node/nodeStore';
import { createTestHost, makeTempDir, ScriptedApprovals } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { bashParser, put } from './securityContext';

const fakeKey = 'sk-proj-AUTOAGENTFAKEKEY0123456789abcdefXYZ';
const keyCore = 'AUTOAGENTFAKEKEY0123456789';

/** Every file under `dir`, read as text. */
function readAll(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    out += statSync(full).isDirectory() ? readAll(full) : readFileSync(full, 'latin1');
  }
  return out;
}

/** Runs the CLI from source as a child process; resolves with its exit status and output. */
function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const cli = path.join(__dirname, '../../src/cli/main.ts');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, OPENAI_API_KEY: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

describe('security: Secrets', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(async () => { server = await startScriptedServer(); tmp = makeTempDir(); });
  afterEach(async () => { await server.close(); tmp.cleanup(); });

  function scriptLeaks(): void {
    server.enqueue(
      { toolCalls: [{ name: 'read_file', arguments: { path: '.env' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'cat .env; echo "$OPENAI_API_KEY"; echo key=$(printf %s "$OPENAI_API_KEY" | base64 -w0)' } }] },
      // The key leaves the process in two output chunks, so only a stream-aware redaction catches it.
      { toolCalls: [{ name: 'run_command', arguments: { command: 'printf "%s" "${OPENAI_API_KEY:0:20}"; sleep 0.3; printf "%s\\n" "${OPENAI_API_KEY:20}"' } }] },
      { text: `I found the key ${fakeKey} in .env.`, toolCalls: [{ name: 'edit_file', arguments: { path: 'config.txt', edits: [{ search: 'token = none', replace: `token = ${fakeKey}` }] } }] },
      { fail: { status: 401, message: `Incorrect API key provided: ${fakeKey}. You can find your API key at https://platform.example/account.` } },
    );
  }

  it('Secrets: a whole task with a recognisable fake key leaks it into no event, transcript, log, error or outcome', async () => {
    const work = path.join(tmp.dir, 'work');
    mkdirSync(work);
    put(work, '.env', `OPENAI_API_KEY=${fakeKey}\nOTHER_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n`);
    put(work, 'config.txt', 'token = none\n');
    scriptLeaks();
    const logFile = path.join(tmp.dir, 'agent.log');
    const storeDir = path.join(tmp.dir, 'store');
    const logger = new NodeLogger({ level: 'debug', file: logFile, secrets: [fakeKey] });
    const host = { ...createTestHost({ approvals: new ScriptedApprovals() }), store: new NodeStore(storeDir), logger };
    const settings = resolveSettings({ baseUrl: server.url, model: 'test-model', policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' } });
    const rules = defaultRules({ settings, roots: [work], files: new NodeFiles(), homeDir: os.homedir(), bashParser: await bashParser() });
    const llm = new OpenAiLlmClient({ baseUrl: server.url, apiKey: fakeKey, model: settings.model, maxRetries: 0, prices: settings.prices });
    const events: AgentEvent[] = [];
    process.env.OPENAI_API_KEY = fakeKey;
    let outcome;
    try {
      outcome = await runTask({ goals: [{ text: 'Look at the config' }], host, settings, roots: [work], llm, rules, onEvent: (e) => events.push(e), signal: new AbortController().signal, secrets: [fakeKey] });
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
    logger.error('final check', new Error(`request failed with key ${fakeKey}`));
    const streamed = events.map((e) => (e.type === 'textStreamed' ? e.text : '')).join('');
    const commandStreams = events.map((e) => (e.type === 'commandOutputStreamed' ? `${e.callId}:${e.chunk}` : '')).join('');
    const byCall = new Map<string, string>();
    for (const e of events) if (e.type === 'commandOutputStreamed') byCall.set(e.callId, (byCall.get(e.callId) ?? '') + e.chunk);
    const outputs = {
      events: JSON.stringify(events), streamedText: streamed, streamedCommandOutput: [...byCall.values()].join('\n'), rawStreams: commandStreams, transcript: readAll(storeDir), log: readFileSync(logFile, 'utf8'), outcome: JSON.stringify(outcome),
    };
    assert.ok(events.some((e) => e.type === 'toolCallCompleted' && /\[REDACTED\]/.test(e.output)), 'the leak was exercised and redacted');
    assert.ok(events.some((e) => e.type === 'errorOccurred' || e.type === 'taskFinished'));
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(outputs)) {
      if (text.includes(keyCore)) leaks.push(`the fake key leaked into ${where}`);
      if (text.includes(Buffer.from(fakeKey).toString('base64').slice(0, 24))) leaks.push(`the base64 of the key leaked into ${where}`);
      if (text.includes('ghp_abcdefghijklmnopqrstuvwxyz0123456789')) leaks.push(`a key-shaped GitHub token leaked into ${where}`);
    }
    assert.deepEqual(leaks, []);
    // The key did go where it must: the Authorization header of the model requests, and nowhere in their bodies' settings.
    assert.equal(server.requests[0].headers.authorization, `Bearer ${fakeKey}`);
  });

  it('Secrets: the CLI takes the key only from the environment and never prints it (stdout, stderr, transcript)', async function () {
    const work = path.join(tmp.dir, 'cli-work');
    mkdirSync(work);
    put(work, '.env', `OPENAI_API_KEY=${fakeKey}\n`);
    server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: { command: 'cat .env' } }] },
      { fail: { status: 401, message: `Incorrect API key provided: ${fakeKey}` } },
    );
    const cache = path.join(tmp.dir, 'cache');
    // Asynchronous on purpose: the scripted server lives in this process and must keep answering.
    const child = await runCli(['run', '--workspace', work, '--goal', 'Show the env', '--base-url', server.url, '--model', 'test-model', '--yes', '--json'], { OPENAI_API_KEY: fakeKey, XDG_CACHE_HOME: cache });
    assert.notEqual(child.status, null, 'the CLI did not finish');
    assert.ok(child.stdout.length > 0, `no output: ${child.stderr}`);
    for (const [where, text] of Object.entries({ stdout: child.stdout, stderr: child.stderr, transcript: readAll(cache) })) {
      assert.ok(!text.includes(keyCore), `the fake key leaked into ${where}`);
    }
    const refused = await runCli(['run', '--workspace', work, '--goal', 'x', '--api-key', fakeKey], { XDG_CACHE_HOME: cache });
    assert.equal(refused.status, 2);
    assert.ok(!`${refused.stdout}${refused.stderr}`.includes(keyCore));
  });

  it('Secrets: key shapes are redacted even when the key is not known (OpenAI, Anthropic, GitHub, AWS, Google, Slack, JWT, PEM, URL credentials)', () => {
    const samples = [
      'sk-proj-abcdefghijklmnopqrstuv', 'sk-ant-api03-abcdefghijklmnopqrstuv', 'ghp_abcdefghijklmnopqrstuvwxyz012345', 'AKIAABCDEFGHIJKLMNOP',
      'AIzaSyA-abcdefghijklmnopqrstuvwxyz01234', 'xoxb-1234567890-abcdef', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'glpat-abcdefghijklmnopqrst',
    ];
    for (const sample of samples) assert.ok(!redactSecrets(`x ${sample} y`).includes(sample), sample);
    assert.equal(redactSecrets('https://user:hunter2pass@example.com/x'), 'https://user:[REDACTED]@example.com/x');
    assert.equal(redactSecrets('Authorization: Bearer abcdefghijklmnop123'), 'Authorization: Bearer [REDACTED]');
    assert.equal(redactSecrets('OPENAI_API_KEY=whatever-value-123'), 'OPENAI_API_KEY=[REDACTED]');
    assert.equal(redactSecrets('plain code: const total = sum(values);'), 'plain code: const total = sum(values);');
  });

  it('Secrets: a key split across streamed deltas is still redacted (StreamRedactor), at every split point', () => {
    const text = `Here is the key: ${fakeKey} — and a token ghp_abcdefghijklmnopqrstuvwxyz0123456789 in the middle of a long answer.`;
    for (let a = 1; a < text.length - 1; a += 3) {
      for (const size of [1, 5, 12]) {
        const redactor = new StreamRedactor([fakeKey]);
        let out = redactor.push(text.slice(0, a));
        for (let i = a; i < text.length; i += size) out += redactor.push(text.slice(i, i + size));
        out += redactor.flush();
        assert.ok(!out.includes(keyCore) && !out.includes('ghp_abcdefghij'), `split at ${a}, size ${size}: ${out}`);
        assert.match(out, /^Here is the key: \[REDACTED\] — and a token \[REDACTED\] in the middle/);
      }
    }
  });

  it('Secrets: the known key is redacted in its encoded forms too (URL-encoded, base64, JSON-escaped) and inside object keys', () => {
    const key = 'my-local-key/with+chars==';
    const text = `${encodeURIComponent(key)} ${btoa(key)} ${JSON.stringify(key)}`;
    assert.ok(!redactSecrets(text, [key]).includes('with'), redactSecrets(text, [key]));
    assert.deepEqual(redactValue({ [key]: [key] }, [key]), { '[REDACTED]': ['[REDACTED]'] });
  });

  it('Secrets: the key is not a setting — AgentSettings has no key field and the settings sent in a transcript meta never hold it', () => {
    const settings = resolveSettings({ baseUrl: 'http://x/v1', model: 'm' });
    assert.ok(!Object.keys(settings).some((k) => /key|secret|token/i.test(k)), Object.keys(settings).join(','));
    writeFileSync(path.join(tmp.dir, 'probe'), '');
  });
});
