/**
 * Command analysis: parses a command line with tree-sitter-bash and lists every reason it is not a plain,
 * allow-listable command. The verdict's reasons are shown to the user when the command needs approval.
 */
import type { Tree } from 'web-tree-sitter';
import type { BashParser } from './bashParser';
import { checkPipeline, innerName, isInterpreter, judgeCommand, shellNames, type JudgedCommand } from './commandChecks';
import { clip, collectStructure, type CommandStructure, type Finding, type Redirection } from './commandStructure';
import { downloadThenRun } from './denyList';

/** What the analysis found: the structure (when it parsed), each simple command as judged, and every finding. */
export interface CommandAnalysis extends CommandStructure {
  text: string;
  /** One entry per simple command, in order: what really runs after unwrapping. */
  judged: JudgedCommand[];
}

/** Inline shell code (`bash -c '…'`, `eval '…'`) is analysed again, this many levels deep. */
const maxInlineDepth = 3;

/** Longer chains than this always ask: a long chain hides its tail from a reviewer. */
export const maxSimpleCommands = 30;
/** Longer text than this always asks, unparsed. */
export const maxCommandChars = 8000;

const unusualChar = /[^\x20-\x7e\n\t]/u;
const forkBomb = /(\S+)\s*\(\)\s*\{[^}]*\1\s*\|\s*\1\s*&/;

/** Analyses one command line. Never throws for odd input; a parser failure is itself a finding. */
export function analyzeCommand(parser: BashParser, text: string, depth = 0): CommandAnalysis {
  const analysis: CommandAnalysis = { text, commands: [], pipelines: [], redirections: [], judged: [], findings: textFindings(text) };
  if (text.length > maxCommandChars) return analysis;
  const tree = safeParse(parser, text);
  if (!tree) return withFinding(analysis, { level: 'ask', reason: 'The shell text could not be parsed.' });
  try {
    const structure = collectStructure(tree.rootNode, text);
    Object.assign(analysis, structure, { findings: [...analysis.findings, ...structure.findings] });
  } finally {
    tree.delete();
  }
  for (const command of analysis.commands) {
    const { judged, findings } = judgeCommand(command);
    analysis.judged.push(judged);
    analysis.findings.push(...findings);
    if (depth < maxInlineDepth) analysis.findings.push(...inlineCodeFindings(parser, judged, depth));
  }
  const ran = analysis.judged.flatMap((j) => [...(j.runs ? [j.runs] : []), ...j.nested]);
  analysis.findings.push(...downloadThenRun(ran, analysis.redirections));
  for (const stages of analysis.pipelines) analysis.findings.push(...checkPipeline(stages));
  for (const redirection of analysis.redirections) {
    const fed = redirection.owner ? innerName(redirection.owner) : undefined;
    if (redirection.kind !== 'file' && isInterpreter(fed)) {
      analysis.findings.push({ level: 'ask', reason: `A heredoc or herestring feeds text to ${fed}, which runs it as code.` });
    }
    if (redirection.kind !== 'file') analysis.findings.push({ level: 'unlisted', reason: `It feeds inline text to a command with ${redirection.operator}.` });
    if (redirection.kind === 'file' && redirection.isInput && !isDescriptorCopy(redirection)) {
      analysis.findings.push({ level: 'unlisted', reason: `It reads ${redirection.target?.text ?? 'a file'} through a redirection.` });
    }
    if (isFileWrite(redirection)) analysis.findings.push({ level: 'unlisted', reason: `It writes to ${redirection.target?.text ?? 'a file'} through a redirection.` });
  }
  if (analysis.commands.length > maxSimpleCommands) {
    analysis.findings.push({ level: 'ask', reason: `It chains ${analysis.commands.length} commands; long chains are always reviewed.` });
  }
  if (analysis.commands.length === 0 && analysis.findings.length === 0) analysis.findings.push({ level: 'unlisted', reason: 'It contains no command.' });
  return analysis;
}

/**
 * The deny-list inside literal inline shell code: `bash -c 'rm -rf /'` and `eval 'rm -rf ~'` are refused like the
 * command itself. Inline code always asks anyway (dangerous forms), so only refusals are taken over.
 */
function inlineCodeFindings(parser: BashParser, judged: JudgedCommand, depth: number): Finding[] {
  const runs = judged.runs;
  if (!runs) return [];
  const name = (runs.words[0]?.value ?? '').split('/').pop() ?? '';
  const args = runs.words.slice(1);
  let code: string | undefined;
  if (name === 'eval') code = args.every((w) => w.value !== undefined) ? args.map((w) => w.value).join(' ') : undefined;
  if (shellNames.has(name)) {
    const flag = args.findIndex((w) => /^-[a-zA-Z]*c$/.test(w.value ?? '') || w.value === '--command');
    code = flag >= 0 ? args[flag + 1]?.value : undefined;
  }
  if (code === undefined) return [];
  return analyzeCommand(parser, code, depth + 1).findings.filter((f) => f.level === 'deny');
}

function textFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  const odd = unusualChar.exec(text);
  if (odd) {
    const code = (odd[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    findings.push({ level: 'ask', reason: `It contains an unusual or invisible character (U+${code}), which can hide what really runs.` });
  }
  if (/^\s{2,}|\s{2,}$|[ \t]{8,}/.test(text.replace(/\n$/, ''))) findings.push({ level: 'ask', reason: 'It is padded with whitespace, which can push part of it out of view.' });
  if (text.length > maxCommandChars) findings.push({ level: 'ask', reason: `It is ${text.length} characters long; very long commands are always reviewed.` });
  if (/[^\s\\]\\\n[^\s]/.test(text)) findings.push({ level: 'ask', reason: 'A line continuation (\\ at the end of a line) glues two words together, which the shell and a reader see differently.' });
  if (forkBomb.test(text)) findings.push({ level: 'deny', reason: 'Refused: this is a fork bomb.' });
  if (text.trim() === '') findings.push({ level: 'ask', reason: 'The command is empty.' });
  return findings;
}

/** True for an output redirection to a file (not a descriptor copy such as 2>&1, not /dev/null). */
export function isFileWrite(redirection: Redirection): boolean {
  if (redirection.kind !== 'file' || redirection.isInput) return false;
  const target = redirection.target?.text ?? '';
  if (isDescriptorCopy(redirection)) return false;
  return !['/dev/null', '/dev/stdout', '/dev/stderr'].includes(target);
}

/** `2>&1`, `>&2`, `<&0`, `>&-`: duplicating or closing a descriptor, no file involved. */
export function isDescriptorCopy(redirection: Redirection): boolean {
  const target = redirection.target?.text ?? '';
  if (redirection.operator === '>&-' || redirection.operator === '<&-') return true;
  return (redirection.operator === '>&' || redirection.operator === '<&') && /^\d*-?$/.test(target) && target !== '';
}

/**
 * Parses, turning a parser crash into "not parsed". The tree-sitter-wasms bash scanner imports `isalpha`, which
 * web-tree-sitter 0.27 does not provide, so some inputs (`case x in`) throw; the parser must then be reset.
 */
function safeParse(parser: BashParser, text: string): Tree | null {
  try {
    return parser.parse(text);
  } catch {
    parser.reset();
    return null;
  }
}

function withFinding(analysis: CommandAnalysis, finding: Finding): CommandAnalysis {
  analysis.findings.push(finding);
  return analysis;
}

/** The reasons of one level, without duplicates. */
export function reasonsOf(analysis: CommandAnalysis, level: Finding['level']): string[] {
  return [...new Set(analysis.findings.filter((f) => f.level === level).map((f) => f.reason))];
}

export { clip };
