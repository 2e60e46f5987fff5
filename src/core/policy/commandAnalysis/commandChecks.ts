/**
 * The checks of one simple command, made on what really runs: the wrappers are peeled off first (unwrap.ts), then
 * the inner command and every command it starts (`find -exec` bodies) meet the deny-list, the table of dangerous
 * forms, the risky-variable rules, and the checks for code run from text (`eval`, a computed `source`).
 */
import { denyListFindings } from './denyList';
import { assignmentFinding, variableCommandFindings } from './envChecks';
import { dangerousForms, programForms } from './programForms';
import type { Finding, SimpleCommand } from './commandStructure';
import { clip } from './commandStructure';
import { programName, unwrapCommand } from './unwrap';

/** Programs that run code given to them on stdin or as text. */
export const shellNames = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'yash', 'fish', 'csh', 'tcsh', 'ash', 'busybox', 'pwsh', 'powershell']);
const interpreterNames = new Set([...shellNames, 'python', 'python2', 'python3', 'pypy', 'pypy3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'luajit', 'osascript', 'Rscript', 'julia', 'source', '.']);
const downloaders = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'nc', 'ncat']);

/** One simple command as judged: as written, what really runs after unwrapping, and what it starts besides. */
export interface JudgedCommand {
  written: SimpleCommand;
  /** The innermost command; the written one when there is no wrapper; undefined when a wrapper runs nothing visible. */
  runs: SimpleCommand | undefined;
  /** Commands it starts besides (`find -exec` bodies): judged by the deny-list and the dangerous forms, never vouched for. */
  nested: SimpleCommand[];
  /** False when a wrapper adds unseen words (xargs) or changes rights (sudo): the allow-list cannot vouch. */
  isVouchable: boolean;
}

/** Programs' base name, as a word's literal (or loose) value. */
export function commandName(command: SimpleCommand): string | undefined {
  return programName(command.words[0]);
}

/** Judges one simple command: what runs, and every finding about it. */
export function judgeCommand(command: SimpleCommand): { judged: JudgedCommand; findings: Finding[] } {
  const findings: Finding[] = [];
  const first = command.words[0];
  if (first && first.value === undefined) findings.push({ level: 'ask', reason: `The command name ${clip(first.text)} is computed when it runs, so what runs cannot be known in advance.` });
  for (const assignment of command.assignments) findings.push(assignmentFinding(assignment, 'before the command'));
  const computed = command.words.slice(1).find((w) => w.value === undefined);
  if (computed) findings.push({ level: 'unlisted', reason: `An argument of ${commandName(command) ?? 'the command'} is computed when it runs (${clip(computed.text)}).` });
  const unwrapped = unwrapCommand(command);
  findings.push(...unwrapped.findings);
  const runs = unwrapped.runs;
  const nested = runs ? execBodies(runs) : [];
  if (runs && runs !== command) for (const assignment of runs.assignments) findings.push(assignmentFinding(assignment, `through ${unwrapped.wrappers.join(' ')}`));
  for (const inner of [...(runs ? [runs] : []), ...nested]) findings.push(...programFindings(inner));
  if (runs) findings.push(...unseenWords(runs, unwrapped.wrappers));
  if (runs && runs !== command && runs.words[0]?.value === undefined) findings.push({ level: 'ask', reason: `The command ${unwrapped.wrappers.join(' ')} runs is computed when it runs (${clip(runs.words[0]?.text ?? '')}).` });
  for (const body of nested) findings.push(...unwrapCommand(body).findings);
  return { judged: { written: command, runs, nested: nested.map((n) => unwrapCommand(n).runs ?? n), isVouchable: unwrapped.isVouchable }, findings };
}

/** Programs whose first words are scripts: a computed or globbed word can become the script. */
const scriptPrograms = new Set(['sed', 'awk', 'gawk', 'mawk', 'nawk']);

/**
 * A program with dangerous forms cannot be judged when some of its words are unknown: computed (`$X`, a glob that a
 * planted file name such as `--checkpoint-action=exec=sh` can fill) or appended by xargs. A glob with a literal
 * start (`src/*.ts`) cannot become an option, so it counts as known, except for sed and awk, whose script it can be.
 */
function unseenWords(command: SimpleCommand, wrappers: readonly string[]): Finding[] {
  const name = commandName(command) ?? '';
  if (!programForms[name]) return [];
  const isKnown = (w: SimpleCommand['words'][number]): boolean => w.value !== undefined || (!scriptPrograms.has(name) && /^[\w./][^$`]*$/.test(w.loose) && !w.loose.startsWith('-'));
  const unknown = command.words.slice(1).find((w) => !isKnown(w));
  if (unknown) return [{ level: 'ask', reason: `An argument of ${name} is computed when it runs (${clip(unknown.text)}), so its dangerous forms cannot be ruled out.` }];
  if (wrappers.includes('xargs')) return [{ level: 'ask', reason: `xargs adds words to ${name}, so its dangerous forms cannot be ruled out.` }];
  return [];
}

/** The rules that judge a program by its own name and arguments. */
function programFindings(command: SimpleCommand): Finding[] {
  const inner = unwrapCommand(command).runs ?? command;
  const name = commandName(inner) ?? '';
  const args = inner.words.slice(1).map((w) => w.value ?? w.loose);
  const findings: Finding[] = [...denyListFindings(inner), ...variableCommandFindings(inner)];
  if (name === 'eval') findings.push({ level: 'ask', reason: `It uses eval, which runs text as shell code: ${clip(inner.text)}.` });
  if ((name === 'source' || name === '.') && inner.words.slice(1).some((w) => w.value === undefined)) {
    findings.push({ level: 'ask', reason: `It sources a computed file: ${clip(inner.text)}.` });
  }
  for (const why of dangerousForms(name, args)) findings.push({ level: 'ask', reason: `${capitalise(why, name)}: ${clip(inner.text)}. Allowing ${name} does not allow this form.` });
  if (shellNames.has(name) && inner.substitutions.some((s) => [...downloaders].some((d) => new RegExp(`(^|[\\s(|;&])${d}\\s`).test(s)))) {
    findings.push({ level: 'deny', reason: `Refused: ${clip(inner.text)} runs code downloaded from the network.` });
  }
  return findings;
}

/** The commands `find -exec … ;` (and -execdir, -ok, -okdir) runs, as simple commands. */
function execBodies(command: SimpleCommand): SimpleCommand[] {
  if (commandName(command) !== 'find') return [];
  const bodies: SimpleCommand[] = [];
  const words = command.words;
  for (let i = 1; i < words.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(words[i].loose)) continue;
    let end = i + 1;
    while (end < words.length && words[end].loose !== ';' && words[end].loose !== '+') end++;
    const body = words.slice(i + 1, end);
    if (body.length > 0) bodies.push({ words: body, assignments: [], text: body.map((w) => w.text).join(' '), substitutions: command.substitutions });
    i = end;
  }
  return bodies;
}

/** "it runs…" becomes "It runs…"; a reason that starts with a program's name keeps its spelling. */
function capitalise(text: string, program: string): string {
  return text.startsWith(program) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** The program that really runs: `sudo -E bash` and `env X=1 nohup sh` run bash and sh. */
export function innerName(command: SimpleCommand): string {
  const runs = unwrapCommand(command).runs;
  return runs ? (commandName(runs) ?? '') : '';
}

/** Pipeline checks: a pipe into a shell asks; a download piped into a shell is refused. */
export function checkPipeline(stages: SimpleCommand[]): Finding[] {
  const findings: Finding[] = [];
  stages.forEach((stage, index) => {
    const name = innerName(stage);
    if (index === 0 || !interpreterNames.has(name)) return;
    const upstream = stages.slice(0, index).map(innerName);
    if (upstream.some((u) => downloaders.has(u))) findings.push({ level: 'deny', reason: `Refused: output of ${upstream.join(' | ')} is piped into ${name}, which runs code downloaded from the network.` });
    else findings.push({ level: 'ask', reason: `It pipes text into ${name}, which runs it as code.` });
  });
  return findings;
}

/** True for a program that runs code from stdin (used for heredocs and herestrings). */
export function isInterpreter(name: string | undefined): boolean {
  return !!name && interpreterNames.has(name.split('/').pop() ?? name);
}
