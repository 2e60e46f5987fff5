/**
 * The one place that starts child processes (shell commands, tests, git and its hooks, ripgrep, later MCP
 * servers). Every child gets an environment without the agent's secrets: the API keys, the variables the user
 * marks secret, any variable holding a known secret value, and names shaped like secrets (`*_API_KEY`,
 * `*_TOKEN`, ...), unless the user allow-lists them. An OS sandbox wraps `spawnChild`, so it stays one function.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

/** What the environment of a child may not carry, and what it may carry anyway. */
export interface ChildEnvPolicy {
  /** Names the user wants passed on although they look like secrets (exact, case-sensitive). */
  allow: readonly string[];
  /** Names the user marks secret: always removed, whatever their shape. */
  secretNames: readonly string[];
  /** Secret values known to the host (the configured API key, however it was passed): a variable holding one is removed. */
  secretValues(): readonly string[];
}

/** The agent's own credentials: removed even when the user allow-lists them. */
export const agentSecretVariables: readonly string[] = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'AUTO_AGENT_API_KEY'];

/** Names that look like secrets: a final word of key, token, secret, password or credentials, plus well-known ones. */
const secretShapedName = /(^|_)(API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SECRET(_ACCESS)?_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|AUTH)$|^(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|HF_TOKEN|GOOGLE_APPLICATION_CREDENTIALS)$/i;

/** Shorter values are not matched by value: a secret of a few characters would remove unrelated variables. */
const minSecretValueLength = 8;

let currentPolicy: ChildEnvPolicy = { allow: [], secretNames: [], secretValues: () => [] };

/**
 * Sets the policy for every child this process starts. The composition root calls it once from the settings
 * (and again when they change): a process-wide value, because git, ripgrep and the shell are built in places
 * that never see the settings, and a child spawned with a forgotten policy must still lose the defaults.
 */
export function configureChildEnvironment(policy: Partial<ChildEnvPolicy>): void {
  currentPolicy = { allow: policy.allow ?? [], secretNames: policy.secretNames ?? [], secretValues: policy.secretValues ?? (() => []) };
}

/** True when a child may not see the variable `name` holding `value` under `policy`. */
export function isSecretVariable(name: string, value: string | undefined, policy: ChildEnvPolicy = currentPolicy): boolean {
  if (agentSecretVariables.includes(name.toUpperCase())) return true;
  if (policy.secretNames.includes(name)) return true;
  if (value && value.length >= minSecretValueLength && policy.secretValues().some((s) => s.length >= minSecretValueLength && value.includes(s))) return true;
  return secretShapedName.test(name) && !policy.allow.includes(name);
}

/** A copy of `env` without the variables a child may not see, and without unset (undefined) entries. */
export function scrubEnvironment(env: Readonly<Record<string, string | undefined>>, policy: ChildEnvPolicy = currentPolicy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !isSecretVariable(name, value, policy)) out[name] = value;
  }
  return out;
}

/** One child process to start. `env` is its whole environment (scrubbed again here, whoever built it). */
export interface SpawnSpec {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Lead a new process group, so the whole group can be killed (commands and tests). */
  isDetached?: boolean;
  /** Standard input: a pipe (default) or nothing. */
  stdin?: 'pipe' | 'ignore';
  /**
   * Variables the user configured for this one child (an MCP server's `env`, a token it needs): passed although
   * they look like secrets, but never the agent's own API key, by name or by value.
   */
  explicitEnv?: Readonly<Record<string, string>>;
}

/** A started child: stdout and stderr are always pipes. */
export type SpawnedChild = ChildProcess & { stdout: Readable; stderr: Readable };

/** Starts one child with piped stdout/stderr. Every child of the agent starts here. */
export function spawnChild(spec: SpawnSpec): SpawnedChild {
  const explicit = scrubEnvironment(spec.explicitEnv ?? {}, { ...currentPolicy, allow: Object.keys(spec.explicitEnv ?? {}), secretNames: [] });
  return spawn(spec.file, [...spec.args], {
    cwd: spec.cwd, env: { ...scrubEnvironment(spec.env), ...explicit }, detached: spec.isDetached ?? false, stdio: [spec.stdin ?? 'pipe', 'pipe', 'pipe'],
  }) as SpawnedChild;
}

/** Runs a short-lived child to its end (a probe such as `bwrap --version`): whether it exited 0, and its output. */
export function runChildToEnd(file: string, args: readonly string[], timeoutMs: number): Promise<{ isOk: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawnChild({ file, args, cwd: process.cwd(), env: process.env, stdin: 'ignore' });
    let output = '';
    const collect = (data: Buffer): void => { output += data.toString('utf8'); };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); resolve({ isOk: false, output: `${output}${err.message}` }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ isOk: code === 0, output }); });
  });
}
