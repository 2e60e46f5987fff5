/**
 * Fuzzing (fast-check, 10,000 runs each, seeded: set FUZZ_SEED to replay) of the command analyzer and the path
 * sandbox. Nothing generated may reach "allowed without asking" unless it is a plain allow-listed simple command
 * (commands), or a canonical path inside the workspace that is not protected (paths). The oracles are written
 * independently of the code under test: a regular grammar of plain commands, Node's own realpath, and generators
 * that build dangerous forms, wrappers and deny-listed commands from parts, so they know what must ask or be refused.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { WorkspacePathGuard } from '../../src/core/policy/pathGuard';
import { NodeFiles } from '../../src/node/nodeFiles';
import { makeTempDir } from '../support/testHost';
import { allowEverything, deniedCommand, dangerousCommand, ordinaryAllowList, ordinaryCommand } from './dangerousCommands';
import { put, secureContext } from './securityContext';

const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const numRuns = Number(process.env.FUZZ_RUNS ?? 10_000);
const allowed = ['ls', 'npm test', 'git status', 'echo', 'cat'];

/** The oracle: a plain list of allow-listed simple commands with literal arguments (after plain wrappers such as `env`), nothing else. */
const arg = String.raw`(?:[A-Za-z0-9._/=:@%+,^-]+|'[^']*'|"(?:[^"\\$\x60]|\\[\s\S]|\$(?![A-Za-z_{(0-9@*#?$!-]))*")+`;
const quietRedirect = String.raw`(?:[0-9&]?>>?[ \t]*/dev/null|[0-9]*>&[0-9]+)`;
const gap = String.raw`(?:[ \t]*${quietRedirect}[ \t]*|[ \t]+)+`;
/** Wrappers that run the next words as they are: the allow-list judges the command after them (issue 13, item 5). */
const transparentWrapper = String.raw`(?:(?:env|nice|nohup|time|command|builtin|exec)${gap})*`;
const command = String.raw`(?:${quietRedirect}[ \t]*)*${transparentWrapper}(?:${allowed.map((a) => a.replace(' ', gap)).join('|')})(?:[ \t]*${quietRedirect}|[ \t]+${arg})*`;
const plain = new RegExp(String.raw`^[ \t\n]?${command}(?:[ \t]*(?:&&|\|\||;|\|&?|\n+)[ \t\n]*${command})*[ \t]?;?\n?$`);

const tokens = fc.constantFrom(
  'ls', 'npm test', 'git status', 'echo', 'cat', 'npm', 'lsblk', 'rm -rf /', 'rm -rf build', 'curl http://x', 'wget -O-', 'sh', 'bash', 'bash -c',
  'eval', 'source', '.', 'sudo', 'env', 'xargs', 'find . -exec rm {} ;', 'python3 -c', 'node -e', 'git push --force origin main', 'git -c core.pager=x', 'dd of=/dev/sda',
  ';', '&&', '||', '|', '&', '\n', '>', '>>', '<', '2>&1', '>&2', '&>', '<<EOF\n', '\nEOF\n', '<<<', '(', ')', '{', '}', '!', 'if', 'then', 'fi', 'for x in', 'do', 'done',
  '$(', '`', '<(', '>(', '${', '${!x}', '${x@P}', '$x', '$HOME', '~', '$((1+2))', "$'\\x41'", '*', '?', '[a]', '{a,b}',
  "'", '"', '\\', '#', '=', 'FOO=1', 'PATH=/tmp', ' ', '  ', '\t', '\r', '\u00a0', '\u200b', '\u202e', '\uff1b', 'é',
  '.vscode/settings.json', '/etc/passwd', '../x', '/dev/null', 'file.txt', '-la', '--version', 'x', '"a b"', "'c d'",
);
const piece = fc.oneof({ weight: 6, arbitrary: tokens }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) });
const commandText = fc.array(piece, { minLength: 1, maxLength: 12 }).chain((parts) =>
  fc.array(fc.constantFrom(' ', '', ' '), { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((p, i) => p + gaps[i]).join('')));

/** Plain allow-listed chains, so that the "allowed" side is exercised too, and the same chains with one token spliced in. */
const plainArg = fc.constantFrom('-la', 'src', 'file.txt', '"a b"', "'c $(d)'", '--version', 'x=1', '.');
const plainCommand = fc.tuple(fc.constantFrom(...allowed), fc.array(plainArg, { maxLength: 3 })).map(([name, args]) => [name, ...args].join(' '));
const plainChain = fc.tuple(fc.array(plainCommand, { minLength: 1, maxLength: 4 }), fc.constantFrom(' && ', '; ', ' | ', ' || ', '\n'))
  .map(([commands, sep]) => commands.join(sep));
const splicedChain = fc.tuple(plainChain, tokens, fc.nat()).map(([chain, token, at]) => {
  const cut = at % (chain.length + 1);
  return `${chain.slice(0, cut)}${token}${chain.slice(cut)}`;
});
const anyCommand = fc.oneof(commandText, plainChain, splicedChain, splicedChain);

describe('security: Fuzzing', function () {
  this.timeout(600_000);
  let ws: ReturnType<typeof makeTempDir>;
  before(() => { ws = makeTempDir(); });
  after(() => ws.cleanup());

  it(`Fuzz: no generated command is allowed without asking unless it is plain and allow-listed (${numRuns} runs, seed ${seed})`, async () => {
    console.log(`      fast-check seed=${seed} runs=${numRuns} (replay: FUZZ_SEED=${seed})`);
    const made = await secureContext({ root: ws.dir, settings: { allowedCommands: allowed }, fallback: { isApproved: false, reason: 'fuzz' } });
    let allowedCount = 0;
    await fc.assert(fc.asyncProperty(anyCommand, async (text) => {
      const before = made.approvals.requests.length;
      const outcome = await made.ctx.permissions.check({ callId: 'f', risk: 'execute', toolName: 'run_command', title: 't', detail: '', command: text, paths: [ws.dir] });
      const isSilentlyAllowed = outcome.isAllowed && made.approvals.requests.length === before;
      if (isSilentlyAllowed) allowedCount++;
      return !isSilentlyAllowed || plain.test(text);
    }), { seed, numRuns, endOnFailure: true });
    console.log(`      allowed without asking: ${allowedCount} of ${numRuns}`);
    assert.ok(allowedCount > 0, 'the generator also produced plain allow-listed commands');
  });

  it(`Fuzz: no generated command is allowed under execute=auto when it hides code (substitution, indirect expansion) or odd Unicode (${numRuns} runs, seed ${seed + 1})`, async () => {
    const made = await secureContext({ root: ws.dir, settings: { policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' } }, fallback: { isApproved: false, reason: 'fuzz' } });
    const hidesCode = (text: string): boolean => /\$\((?!\()|`|\$\{!|@P\}/.test(text) || (!text.includes('"') && /<\(|>\(/.test(text));
    const oddText = /[\u00a0\u200b\u202e\uff1b\r]|[^\x20-\x7e\n\t]/;
    await fc.assert(fc.asyncProperty(anyCommand, async (text) => {
      const before = made.approvals.requests.length;
      const outcome = await made.ctx.permissions.check({ callId: 'f', risk: 'execute', toolName: 'run_command', title: 't', detail: '', command: text, paths: [ws.dir] });
      const isSilentlyAllowed = outcome.isAllowed && made.approvals.requests.length === before;
      if (isSilentlyAllowed && oddText.test(text)) return false;
      return !(isSilentlyAllowed && hidesCode(text) && !/['\\#]/.test(text));
    }), { seed: seed + 1, numRuns, endOnFailure: true });
  });

  async function outcomeOf(made: Awaited<ReturnType<typeof secureContext>>, text: string) {
    const before = made.approvals.requests.length;
    const outcome = await made.ctx.permissions.check({ callId: 'f', risk: 'execute', toolName: 'run_command', title: 't', detail: '', command: text, paths: [ws.dir] });
    return { isAllowed: outcome.isAllowed, hasAsked: made.approvals.requests.length > before, isRefused: !outcome.isAllowed && made.approvals.requests.length === before };
  }

  it(`Fuzz: no generated dangerous form of an allowed program, behind any wrappers, runs without asking, even with commands on auto (${numRuns} runs, seed ${seed + 3})`, async () => {
    put(ws.dir, 'file', 'a\n');
    const made = await secureContext({ root: ws.dir, settings: { allowedCommands: allowEverything, policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'auto' } }, fallback: { isApproved: false, reason: 'fuzz' } });
    await fc.assert(fc.asyncProperty(dangerousCommand, async (text) => {
      const { isAllowed } = await outcomeOf(made, text);
      return !isAllowed;
    }), { seed: seed + 3, numRuns, endOnFailure: true });
  });

  it(`Fuzz: every generated deny-listed command, behind any wrappers, is refused without asking, even with everything allowed and on auto (${numRuns} runs, seed ${seed + 4})`, async () => {
    const made = await secureContext({ root: ws.dir, settings: { allowedCommands: allowEverything, policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'auto' } }, fallback: { isApproved: true } });
    await fc.assert(fc.asyncProperty(deniedCommand, async (text) => (await outcomeOf(made, text)).isRefused), { seed: seed + 4, numRuns, endOnFailure: true });
  });

  it(`Fuzz: ordinary commands (npm test, git status, ls src, grep -rn foo src, sed -n 1,5p file, find src -name '*.ts'...) on the allow-list run without asking (${numRuns} runs, seed ${seed + 5})`, async () => {
    const made = await secureContext({ root: ws.dir, settings: { allowedCommands: ordinaryAllowList }, fallback: { isApproved: false, reason: 'fuzz' } });
    const chained = fc.tuple(fc.array(ordinaryCommand, { minLength: 1, maxLength: 3 }), fc.constantFrom(' && ', '; ', ' | ')).map(([commands, sep]) => commands.join(sep));
    await fc.assert(fc.asyncProperty(chained, async (text) => {
      const { isAllowed, hasAsked } = await outcomeOf(made, text);
      return isAllowed && !hasAsked;
    }), { seed: seed + 5, numRuns, endOnFailure: true });
  });

  it(`Fuzz: the path sandbox never lets a write out, nor a protected write through silently (${numRuns} runs, seed ${seed + 2})`, async () => {
    const root = path.join(ws.dir, 'root');
    const outside = path.join(ws.dir, 'outside');
    mkdirSync(path.join(root, 'src/deep'), { recursive: true });
    mkdirSync(path.join(root, '.vscode'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    put(outside, 'secret.txt', 's');
    symlinkSync(outside, path.join(root, 'link-out'));
    symlinkSync(path.join(outside, 'nope/new'), path.join(root, 'dangling'));
    symlinkSync(path.join(root, '.vscode'), path.join(root, 'src/editor'));
    symlinkSync('../..', path.join(root, 'src/deep/up'));
    symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    const home = path.join(ws.dir, 'home');
    const guard = new WorkspacePathGuard([root], new NodeFiles(), async () => false, home);
    const made = await secureContext({ root, settings: { policy: { read: 'auto', edit: 'auto', execute: 'ask', network: 'ask' } }, fallback: { isApproved: false, reason: 'fuzz' } });
    const segment = fc.constantFrom('..', '.', '', '~', 'link-out', 'dangling', 'loop-a', 'src', 'deep', 'up', 'editor', 'src/editor', '.vscode', '.VSCode', '.vscode.', '.git',
      'hooks', 'settings.json', 'SETTINGS.JSON', 'a', 'new.txt', 'secret.txt', 'outside', 'root', '.npmrc', 'package.json', 'x.code-workspace', ' ', '\u00e9', '\\', '::$DATA');
    const pathText = fc.tuple(fc.constantFrom('', '/', '~/', root + '/', outside + '/', '\\'), fc.array(segment, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom('/', '\\', '//'), { minLength: 8, maxLength: 8 }))
      .map(([start, parts, seps]) => start + parts.map((p, i) => (i === 0 ? p : seps[i] + p)).join(''));
    const oracleCanonical = (abs: string): string => {
      let existing = abs;
      const rest: string[] = [];
      while (!existsSync(existing) && path.dirname(existing) !== existing) { rest.unshift(path.basename(existing)); existing = path.dirname(existing); }
      return path.join(realpathSync(existing), ...rest);
    };
    const isInside = (abs: string): boolean => abs === root || abs.startsWith(root + path.sep);
    const protectedNames = /(^|\/)(\.vscode|\.git)(\/|$)|(^|\/)(\.npmrc|package\.json|[^/]*\.code-workspace)$/;
    const normal = (rel: string): string => rel.toLowerCase().split('/').map((p) => p.replace(/:.*$/, '').replace(/[. ]+$/, '')).join('/');
    await fc.assert(fc.asyncProperty(pathText, async (input) => {
      const resolved = await guard.resolve(input, 'write').catch(() => undefined);
      if (!resolved) return true;
      const real = oracleCanonical(resolved.abs);
      if (!isInside(resolved.abs) || !isInside(real)) return false;
      const before = made.approvals.requests.length;
      const outcome = await made.ctx.permissions.check({ callId: 'f', risk: 'edit', toolName: 'create_file', title: 't', detail: '', paths: [resolved.abs] });
      const isSilent = outcome.isAllowed && made.approvals.requests.length === before;
      return !(isSilent && protectedNames.test(normal(path.relative(root, real))));
    }), { seed: seed + 2, numRuns, endOnFailure: true });
    assert.ok(os.tmpdir());
  });
});
