/**
 * Finds the workspace's test command from its files: a package.json `test` script (npm, pnpm or yarn by lockfile
 * or `packageManager`), Cargo, Go, Maven, Gradle, pytest, or a Makefile `test` target. The setting overrides.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';

/** The test runners the detector knows; `custom` is a command from the settings or the model. */
export type TestRunnerKind = 'npm' | 'pnpm' | 'yarn' | 'bun' | 'cargo' | 'go' | 'maven' | 'gradle' | 'pytest' | 'make' | 'custom';

/** A detected test command and why it was chosen. */
export interface DetectedTestCommand {
  command: string;
  runner: TestRunnerKind;
  reason: string;
}

const npmDefaultTest = /no test specified/;

/** The test command of the workspace at `root`, or undefined when nothing recognisable is there. */
export async function detectTestCommand(files: WorkspaceFiles, root: string, override?: string): Promise<DetectedTestCommand | undefined> {
  if (override?.trim()) return { command: override.trim(), runner: 'custom', reason: 'the testCommand setting' };
  const has = async (name: string): Promise<boolean> => (await files.stat(path.join(root, name))) !== undefined;
  const read = async (name: string): Promise<string | undefined> => {
    try {
      return new TextDecoder().decode(await files.readFile(path.join(root, name)));
    } catch {
      return undefined;
    }
  };
  return (await detectNode(has, read))
    ?? (await has('Cargo.toml') ? { command: 'cargo test', runner: 'cargo', reason: 'Cargo.toml' } : undefined)
    ?? (await has('go.mod') ? { command: 'go test ./...', runner: 'go', reason: 'go.mod' } : undefined)
    ?? (await has('pom.xml') ? { command: 'mvn -B test', runner: 'maven', reason: 'pom.xml' } : undefined)
    ?? (await detectGradle(has))
    ?? (await detectPytest(has, read))
    ?? (await detectMake(read));
}

type Has = (name: string) => Promise<boolean>;
type Read = (name: string) => Promise<string | undefined>;

async function detectNode(has: Has, read: Read): Promise<DetectedTestCommand | undefined> {
  const text = await read('package.json');
  if (text === undefined) return undefined;
  let manifest: { scripts?: Record<string, unknown>; packageManager?: unknown };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch {
    return undefined;
  }
  const script = manifest.scripts?.test;
  if (typeof script !== 'string' || script.trim() === '' || npmDefaultTest.test(script)) return undefined;
  const declared = typeof manifest.packageManager === 'string' ? manifest.packageManager.split('@')[0] : undefined;
  if (declared === 'pnpm' || declared === 'yarn' || declared === 'npm' || declared === 'bun') {
    return { command: `${declared} ${declared === 'bun' ? 'run test' : 'test'}`, runner: declared, reason: `package.json "test" script; packageManager ${declared}` };
  }
  if (await has('pnpm-lock.yaml')) return { command: 'pnpm test', runner: 'pnpm', reason: 'package.json "test" script; pnpm-lock.yaml' };
  if (await has('yarn.lock')) return { command: 'yarn test', runner: 'yarn', reason: 'package.json "test" script; yarn.lock' };
  if ((await has('bun.lockb')) || (await has('bun.lock'))) return { command: 'bun run test', runner: 'bun', reason: 'package.json "test" script; bun lockfile' };
  return { command: 'npm test', runner: 'npm', reason: 'package.json "test" script' };
}

async function detectGradle(has: Has): Promise<DetectedTestCommand | undefined> {
  if (!(await has('build.gradle')) && !(await has('build.gradle.kts')) && !(await has('settings.gradle')) && !(await has('settings.gradle.kts'))) return undefined;
  const command = (await has('gradlew')) ? './gradlew test --console=plain' : 'gradle test --console=plain';
  return { command, runner: 'gradle', reason: 'Gradle build files' };
}

async function detectPytest(has: Has, read: Read): Promise<DetectedTestCommand | undefined> {
  const pytest = (reason: string): DetectedTestCommand => ({ command: 'python3 -m pytest', runner: 'pytest', reason });
  if (await has('pytest.ini')) return pytest('pytest.ini');
  if (await has('conftest.py')) return pytest('conftest.py');
  if (/\[tool\.pytest/.test((await read('pyproject.toml')) ?? '')) return pytest('[tool.pytest] in pyproject.toml');
  if (/\[tool:pytest\]/.test((await read('setup.cfg')) ?? '')) return pytest('[tool:pytest] in setup.cfg');
  if (/\[pytest\]/.test((await read('tox.ini')) ?? '')) return pytest('[pytest] in tox.ini');
  const isPython = (await has('pyproject.toml')) || (await has('setup.py')) || (await has('requirements.txt')) || (await has('setup.cfg'));
  if (isPython && ((await has('tests')) || (await has('test')))) return pytest('a Python project with a tests folder');
  return undefined;
}

async function detectMake(read: Read): Promise<DetectedTestCommand | undefined> {
  const makefile = (await read('Makefile')) ?? (await read('makefile'));
  if (makefile && /^test\s*:/m.test(makefile)) return { command: 'make test', runner: 'make', reason: 'Makefile "test" target' };
  return undefined;
}
