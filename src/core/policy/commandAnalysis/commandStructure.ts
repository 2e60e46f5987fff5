/**
 * Walks a tree-sitter-bash tree into the parts the policy reasons about: simple commands, pipelines,
 * redirections, and structural findings (substitutions, risky expansions, control flow, parse errors).
 */
import type { Node } from 'web-tree-sitter';
import { arithmeticFinding, assignmentFinding, variableCommandFindings } from './envChecks';
import { evaluateWord, type ShellWord } from './words';

/** How strongly a finding counts: refused, always asked (even under `auto`), or only barring the allow-list. */
export type FindingLevel = 'deny' | 'ask' | 'unlisted';

/** One reason a command is not a plain allow-listed command, written for the user. */
export interface Finding {
  level: FindingLevel;
  reason: string;
}

/** One simple command: its words (the first is the name), and the variables assigned in front of it. */
export interface SimpleCommand {
  words: ShellWord[];
  assignments: string[];
  text: string;
  /** Text of command or process substitutions inside its words, for deny-list checks. */
  substitutions: string[];
}

/** A redirection. `target` is the file of a file redirection; `isInput` for `<`, `<<`, `<<<`. */
export interface Redirection {
  kind: 'file' | 'heredoc' | 'herestring';
  operator: string;
  target: ShellWord | undefined;
  isInput: boolean;
  /** The command the redirection belongs to, when known. */
  owner?: SimpleCommand;
}

/** Everything the walker saw. */
export interface CommandStructure {
  commands: SimpleCommand[];
  /** Each pipeline's stages, as the first simple command of each stage. */
  pipelines: SimpleCommand[][];
  redirections: Redirection[];
  findings: Finding[];
}

const controlFlow: Record<string, string> = {
  if_statement: 'an if statement', while_statement: 'a loop', for_statement: 'a loop', c_style_for_statement: 'a loop',
  case_statement: 'a case statement', function_definition: 'a function definition', subshell: 'a subshell',
  compound_statement: 'a command group', negated_command: 'a negated command',
};

/** Walks the whole tree once; `text` is the exact string that was parsed. */
export function collectStructure(root: Node, text: string): CommandStructure {
  const structure: CommandStructure = { commands: [], pipelines: [], redirections: [], findings: [] };
  const commandOf = new Map<number, SimpleCommand>();
  const visit = (node: Node): void => {
    inspectNode(node, structure, commandOf);
    for (const child of node.children) visit(child);
  };
  visit(root);
  const skipped = skippedText(root, text);
  if (skipped) structure.findings.push({ level: 'ask', reason: `The parser skipped part of the text ("${clip(skipped)}"), so it cannot vouch for what runs.` });
  for (const pipeline of pipelineNodes(root)) {
    const stages = pipeline.namedChildren.map((stage) => firstCommand(stage, commandOf));
    // `cmd <<EOF | sh` parses the pipe's tail inside the heredoc redirect: its first stage is the redirected command.
    if (pipeline.parent?.type === 'heredoc_redirect') stages.unshift(redirectOwner(pipeline.parent, commandOf));
    structure.pipelines.push(stages.filter((c): c is SimpleCommand => !!c));
  }
  return structure;
}

function inspectNode(node: Node, structure: CommandStructure, commandOf: Map<number, SimpleCommand>): void {
  const add = (level: FindingLevel, reason: string): void => { structure.findings.push({ level, reason }); };
  if (node.isError || node.type === 'ERROR') add('ask', `The shell text could not be parsed near "${clip(node.text)}".`);
  else if (node.isMissing) add('ask', `The shell text is incomplete: a "${node.type}" is missing.`);
  if (inspectEvaluated(node, structure)) return;
  switch (node.type) {
    case 'command': {
      const command = toSimpleCommand(node);
      commandOf.set(node.id, command);
      structure.commands.push(command);
      return;
    }
    case 'command_substitution': return add('ask', `It runs a command substitution (${clip(node.text)}), whose output becomes part of the command.`);
    case 'process_substitution': return add('ask', `It runs a process substitution (${clip(node.text)}).`);
    case 'simple_expansion':
      return add('unlisted', `It uses ${clip(node.text)}, whose value is only known when it runs.`);
    case 'redirected_statement':
      if (!node.childForFieldName('body')) add('unlisted', `It has a redirection without a command (${clip(node.text)}).`);
      return;
    case 'heredoc_body':
      if (/`|\$\(/.test(node.text)) add('ask', 'A heredoc body contains a command substitution, which runs when the heredoc is read.');
      return;
    case 'heredoc_redirect':
      if (!node.children.some((c) => c.type === 'heredoc_end')) add('ask', 'A heredoc is not terminated.');
      structure.redirections.push(toRedirection(node));
      return;
    case 'file_redirect': case 'herestring_redirect':
      structure.redirections.push(toRedirection(node));
      return;
    case 'variable_assignment':
      if (node.parent?.type !== 'command' && node.parent?.type !== 'declaration_command') push(structure, assignmentFinding(node.text, 'a shell variable'));
      return;
    case ';;': case ';&': case ';;&':
      if (node.parent?.type !== 'case_item') add('ask', `A stray ${node.type} outside a case statement: bash refuses it, the parser does not.`);
      return;
    case 'comment':
      return add('unlisted', `It contains a comment (${clip(node.text)}); the allow-list vouches only for plain commands.`);
    case '&':
      if (node.parent?.type !== 'file_redirect') add('unlisted', 'It starts a command in the background (&).');
      return;
    default:
      if (controlFlow[node.type]) add('unlisted', `It uses ${controlFlow[node.type]}, so it is not a plain list of commands.`);
  }
}

/**
 * Nodes whose text bash evaluates when it runs: arithmetic (names and subscripts in it are evaluated recursively,
 * so `a[$(cmd)]` in a variable's value runs cmd), test expressions, declarations and expansions. True when handled.
 */
function inspectEvaluated(node: Node, structure: CommandStructure): boolean {
  const add = (level: FindingLevel, reason: string): void => { structure.findings.push({ level, reason }); };
  switch (node.type) {
    case 'arithmetic_expansion':
      push(structure, arithmeticFinding(node.text, 'arithmetic'));
      return true;
    case 'subscript':
      if (!/^[\d@*]+$/.test(node.childForFieldName('index')?.text ?? '')) push(structure, arithmeticFinding(node.text, 'the array subscript'));
      return true;
    case 'test_command':
      inspectTest(node, structure);
      return true;
    case 'c_style_for_statement':
      add('unlisted', 'It uses a loop, so it is not a plain list of commands.');
      push(structure, arithmeticFinding(`((${['initializer', 'condition', 'update'].map((f) => node.childForFieldName(f)?.text ?? '').join(';')}))`, 'the loop header'));
      return true;
    case 'unset_command':
      add('unlisted', 'It uses unset.');
      if (node.text.includes('[')) add('ask', `unset with an array subscript (${clip(node.text)}) evaluates the subscript as code.`);
      return true;
    case 'expansion':
      if (/^\$\{[^}]*:[^-=?+}]/.test(node.text) && /[A-Za-z_]/.test(node.text.split(':').slice(1).join(':'))) add('ask', `The substring offset in ${clip(node.text)} is evaluated as arithmetic code.`);
      inspectExpansion(node, add);
      return true;
    case 'declaration_command':
      add('unlisted', `It uses a declaration (${clip(node.text)}).`);
      structure.findings.push(...variableCommandFindings(declarationCommand(node)));
      return true;
    default:
      return false;
  }
}

function push(structure: CommandStructure, finding: Finding): void {
  structure.findings.push(finding);
}

/** `[[ ]]`: arithmetic comparisons evaluate their operands as code, and `-v` evaluates an array subscript. */
function inspectTest(node: Node, structure: CommandStructure): void {
  push(structure, { level: 'unlisted', reason: `It uses a test expression (${clip(node.text)}).` });
  for (const expression of descendants(node).filter((d) => d.type === 'binary_expression' || d.type === 'unary_expression')) {
    const operator = expression.childForFieldName('operator')?.text ?? '';
    const operands = expression.namedChildren.filter((c) => c.type !== 'test_operator');
    if (/^-(eq|ne|lt|le|gt|ge)$/.test(operator)) for (const o of operands) push(structure, arithmeticFinding(o.text, 'the arithmetic comparison operand'));
    if (operator === '-v' && operands.some((o) => o.text.includes('['))) push(structure, arithmeticFinding(expression.text, 'the subscript test'));
  }
}

/** A declaration (`export A=1 B`, `declare -x "C=2"`) as a simple command, so the variable rules can read its words. */
function declarationCommand(node: Node): SimpleCommand {
  const keyword = node.children.find((c) => !c.isNamed)?.text ?? 'declare';
  const words: ShellWord[] = [{ text: keyword, value: keyword, loose: keyword }];
  for (const child of node.namedChildren) {
    if (child.type === 'variable_name') words.push({ text: child.text, value: child.text, loose: child.text });
    else if (child.type === 'variable_assignment') words.push({ text: child.text, value: child.childForFieldName('name')?.text.concat('=') , loose: child.text.replace(/["']/g, '') });
    else words.push(evaluateWord(child));
  }
  return { words, assignments: [], text: node.text, substitutions: [] };
}

function inspectExpansion(node: Node, add: (level: FindingLevel, reason: string) => void): void {
  const text = node.text;
  if (/^\$\{[#]?!/.test(text)) add('ask', `It uses the indirect expansion ${clip(text)}, which can run or reveal anything a variable names.`);
  else if (/@[PEAKaQkUuL]\}$/.test(text)) add('ask', `It uses the transformation ${clip(text)}, which can run prompt-string code.`);
  else add('unlisted', `It uses ${clip(text)}, whose value is only known when it runs.`);
}

function toSimpleCommand(node: Node): SimpleCommand {
  const name = node.childForFieldName('name');
  const args = [...node.childrenForFieldName('argument'), ...wordsAfterRedirects(node)];
  const words = [...(name ? [evaluateWord(name)] : []), ...args.map(evaluateWord)];
  const assignments = node.namedChildren.filter((c) => c.type === 'variable_assignment').map((c) => c.text);
  const substitutions = descendants(node).filter((d) => d.type === 'command_substitution' || d.type === 'process_substitution').map((d) => d.text);
  return { words, assignments, text: node.text, substitutions };
}

/**
 * tree-sitter-bash hangs the words that follow a redirection (`cat 2>&1 -n file`) under the redirect node, while
 * bash passes them to the command: they are the command's arguments too.
 */
function wordsAfterRedirects(command: Node): Node[] {
  const parent = command.parent;
  const statement = parent?.type === 'redirected_statement' && parent.childForFieldName('body')?.id === command.id ? parent : undefined;
  const redirects = [...command.namedChildren, ...(statement?.namedChildren ?? [])].filter((c) => c.type === 'file_redirect');
  return redirects.flatMap((redirect) => {
    const destination = redirect.childForFieldName('destination');
    return redirect.namedChildren.filter((c) => c.type !== 'file_descriptor' && c.id !== destination?.id);
  });
}

function toRedirection(node: Node): Redirection {
  const operator = node.children.find((c) => !c.isNamed)?.type ?? '';
  const destination = node.type === 'file_redirect' ? node.childForFieldName('destination') : null;
  const kind = node.type === 'file_redirect' ? 'file' : node.type === 'heredoc_redirect' ? 'heredoc' : 'herestring';
  const owner = node.parent?.type === 'redirected_statement' ? node.parent.childForFieldName('body') : node.parent;
  const ownerCommand = owner?.type === 'command' ? toSimpleCommand(owner) : undefined;
  const isInput = node.type !== 'file_redirect' || operator === '<' || operator === '<&';
  return { kind, operator, target: destination ? evaluateWord(destination) : undefined, isInput, owner: ownerCommand };
}

function redirectOwner(redirect: Node, commandOf: Map<number, SimpleCommand>): SimpleCommand | undefined {
  const body = redirect.parent?.type === 'redirected_statement' ? redirect.parent.childForFieldName('body') : redirect.parent;
  return body ? firstCommand(body, commandOf) : undefined;
}

function pipelineNodes(root: Node): Node[] {
  return descendants(root).filter((n) => n.type === 'pipeline');
}

function firstCommand(stage: Node, commandOf: Map<number, SimpleCommand>): SimpleCommand | undefined {
  if (stage.type === 'command') return commandOf.get(stage.id);
  const found = descendants(stage).find((n) => n.type === 'command');
  return found ? commandOf.get(found.id) : undefined;
}

/**
 * Text no leaf node covers, other than whitespace and line continuations: what bash would run but the tree does
 * not show (an escaped space, a stray backslash). Only checked for ASCII text; other text always asks anyway.
 */
function skippedText(root: Node, text: string): string | undefined {
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  const covered = new Uint8Array(text.length);
  for (const node of descendants(root)) {
    if (node.childCount === 0) covered.fill(1, node.startIndex, node.endIndex);
  }
  let skipped = '';
  for (let i = 0; i < text.length; i++) if (!covered[i]) skipped += text[i];
  const meaningful = skipped.replace(/\\\n/g, '').replace(/\s+/g, '');
  return meaningful === '' ? undefined : meaningful;
}

/** Every node below (and including) `node`, depth first. */
export function descendants(node: Node): Node[] {
  const out: Node[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Node;
    out.push(current);
    for (let i = current.childCount - 1; i >= 0; i--) {
      const child = current.child(i);
      if (child) stack.push(child);
    }
  }
  return out;
}

/** Shortens text for a message. */
export function clip(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
