/**
 * bench/approvals: how many approvals the command rule asks for in a normal task. Two corpora: the commands the
 * project's scripted scenarios run (bench/soak, the e2e and loop tests), and the command log of a typical bug fix
 * in a TypeScript repository. Each runs under execute=auto (approvals = "always ask" verdicts) and under
 * execute=ask with a typical allow-list (approvals = everything the allow-list does not vouch for). Run it on two
 * commits to see what a rule change adds.
 * Run: node --import tsx bench/approvals/index.ts
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandRule } from '../../src/core/policy/commandAnalysis/commandRule';
import { ProtectedPathCheck, ProtectedPaths, defaultProtectedGlobs } from '../../src/core/policy/protectedFiles';
import { createParser } from '../../src/node/grammars';
import { NodeFiles } from '../../src/node/nodeFiles';
import { makeTempDir } from '../../test/support/testHost';

const scripted = ['npm test', 'ls', 'pwd', 'echo step-7 && ls -la | head -n 3', 'sleep 30 & echo $(date +%s) 7', 'cat notes.txt', 'make check', 'sh check.sh', 'true',
  'touch created-by-command', 'node node_modules/mocha/bin/mocha.js test --grep adds', 'seq 1 500000', 'echo hello; exit 4', 'echo started; sleep 300'];
const bugFix = ['ls', 'ls -la src', 'cat package.json', 'git status', 'git log --oneline -10', 'git diff', 'git diff --stat', 'grep -rn "parseArgs" src', 'rg -n TODO src',
  "find src -name '*.ts' | head -20", 'sed -n 1,80p src/cli/main.ts', 'head -n 40 README.md', 'wc -l src/core/*.ts', 'npm test', 'npm run build', 'npm run lint',
  'npx tsc --noEmit -p .', 'npx mocha test/core/args.test.ts', 'node --version', 'npm ls --depth=0', 'git show HEAD --stat', 'cd src && ls', 'cat src/index.ts | head -50',
  "awk '{print $1}' notes.txt", 'sort -u names.txt', 'timeout 120 npm test', 'python3 -m pytest -q', "grep -rn 'foo' . --include=*.ts", 'git add -A && git commit -m "fix: parse args"',
  'npm install', 'cat .gitignore', 'diff -u a.txt b.txt', "sed -i 's/old/new/' src/cli/main.ts", 'git stash list', 'node dist/cli.js --help'];
const allowList = ['npm test', 'npm run', 'git status', 'git diff', 'git log', 'git show', 'ls', 'cat', 'grep', 'rg', 'sed', 'find', 'head', 'wc', 'node', 'npx', 'awk', 'sort', 'timeout'];

async function main(): Promise<void> {
  const ws = makeTempDir();
  const root = realpathSync(ws.dir);
  mkdirSync(path.join(root, 'src/cli'), { recursive: true });
  writeFileSync(path.join(root, 'src/cli/main.ts'), '');
  mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
  for (const tool of ['tsc', 'mocha']) writeFileSync(path.join(root, 'node_modules/.bin', tool), '');
  const files = new NodeFiles();
  const protectedPaths = new ProtectedPathCheck({ roots: [root], files, homeDir: os.homedir(), protectedPaths: new ProtectedPaths(defaultProtectedGlobs) });
  const parser = await createParser('bash');
  const ruleWith = (allowedCommands: string[]) => commandRule({ parser, allowedCommands, roots: [root], files, homeDir: os.homedir(), protectedPaths });
  const [plain, listed] = [ruleWith([]), ruleWith(allowList)];
  for (const [name, corpus] of [['scripted scenarios', scripted], ['typical bug fix', bugFix]] as const) {
    let onAuto = 0;
    let withList = 0;
    const asked: string[] = [];
    for (const command of corpus) {
      const request = { callId: 'c', risk: 'execute' as const, toolName: 'run_command', title: '', detail: '', command, paths: [root] };
      const auto = await plain.evaluate(request);
      const list = await listed.evaluate(request);
      if (auto.kind === 'ask' || auto.kind === 'deny') { onAuto++; asked.push(`${command}  [on auto: ${auto.reason.slice(0, 90)}]`); }
      if (list.kind !== 'allow') { withList++; asked.push(`${command}  [with the allow-list: ${list.kind}]`); }
    }
    console.log(`${name}: ${corpus.length} commands; approvals with execute=auto: ${onAuto}; approvals with execute=ask and the allow-list: ${withList}`);
    for (const line of asked) console.log(`  asks: ${line}`);
  }
  ws.cleanup();
}

void main();
