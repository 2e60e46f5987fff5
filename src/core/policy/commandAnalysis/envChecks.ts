/**
 * Environment variables that change what code runs (`NODE_OPTIONS`, `LD_PRELOAD`, `BASH_ENV`, `GIT_CONFIG_*`,
 * `PAGER`...), set in any form: an assignment before a command, a bare assignment, `export`, `declare`, `typeset`,
 * `local`, `readonly`, `env`/`sudo` (after unwrapping), `read`, `printf -v`. And arithmetic, which evaluates
 * variable values and array subscripts as code (`x='a[$(id)]'; echo $((x))` runs `id`).
 */
import type { Finding, SimpleCommand } from './commandStructure';
import { clip } from './commandStructure';
import { programName } from './unwrap';

/** Names whose value is code, a program to run, a library to load, or a place config or code is read from. */
const riskyNames = new RegExp(`^(${[
  'PATH', 'HOME', 'IFS', 'ENV', 'BASH_ENV', 'BASH_FUNC_.*', 'PROMPT_COMMAND', 'PS[0-4]', 'SHELLOPTS', 'BASHOPTS', 'ZDOTDIR', 'FPATH', 'CDPATH', 'SHELL', 'HISTFILE',
  'LD_\\w+', 'DYLD_\\w+', 'GCONV_PATH', 'GIT_\\w+', 'XDG_CONFIG_HOME', 'XDG_CONFIG_DIRS', 'XDG_DATA_HOME',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_EXTRA_CA_CERTS', 'npm_config_\\w+', 'YARN_\\w+', 'PNPM_\\w+', 'BUN_\\w+', 'DENO_\\w+',
  'PYTHON\\w*', 'PIP_\\w+', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB', 'RUBYOPT', 'RUBYLIB', 'GEM_\\w+', 'BUNDLE_\\w+',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'DOTNET_STARTUP_HOOKS', 'GOFLAGS', 'GOENV', 'RUSTC_WRAPPER', 'RUSTC', 'CARGO_\\w+',
  'PAGER', 'MANPAGER', 'SYSTEMD_PAGER', 'LESSOPEN', 'LESSCLOSE', 'LESSKEY\\w*', 'EDITOR', 'VISUAL', 'SUDO_EDITOR', 'FCEDIT', 'BROWSER', 'TERMINAL',
  'SSH_ASKPASS', 'SUDO_ASKPASS', 'VIMINIT', 'MYVIMRC', 'EXINIT', 'EMACSLOADPATH', 'TAR_OPTIONS', 'RIPGREP_CONFIG_PATH', 'GREP_OPTIONS', 'MAKEFLAGS', 'MAKEFILES', 'CC', 'CXX',
  'CURL_HOME', 'WGETRC', 'SSL_CERT_FILE', 'SSL_CERT_DIR', '(HTTPS?|ALL|NO|FTP)_PROXY',
].join('|')})$`, 'i');

/** The variable a `NAME=value` (or `NAME[i]=v`, `NAME+=v`) sets, if the text has that shape. */
export function assignedName(text: string): string | undefined {
  return /^([A-Za-z_]\w*)(\[[^\]]*\])?\+?=/.exec(text)?.[1];
}

/** True for a variable whose value can change what code runs. */
export function isRiskyVariable(name: string): boolean {
  return riskyNames.test(name);
}

/** The finding for setting one variable: asks when it is risky, otherwise only bars the allow-list. */
export function assignmentFinding(text: string, how: string): Finding {
  const name = assignedName(text) ?? text;
  if (isRiskyVariable(name)) return { level: 'ask', reason: `It sets ${name} (${how}), which can change what code runs.` };
  if (/\[/.test(text.split('=')[0])) return { level: 'ask', reason: `It assigns through the subscript ${clip(text.split('=')[0])}, which bash evaluates as arithmetic code.` };
  return { level: 'unlisted', reason: `It sets ${clip(text)} (${how}).` };
}

const declarations = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Findings for commands that set variables by their words: declarations, `read`, `printf -v`, `mapfile`, `let`. */
export function variableCommandFindings(command: SimpleCommand): Finding[] {
  const name = programName(command.words[0]) ?? '';
  const args = command.words.slice(1);
  const findings: Finding[] = [];
  if (declarations.has(name)) {
    for (const word of args) {
      const text = word.value ?? word.loose;
      if (word.value === undefined && !assignedName(word.loose)) findings.push({ level: 'ask', reason: `It declares a computed name (${clip(word.text)}), which can set any variable.` });
      else if (/^-[a-zA-Z]*n/.test(text)) findings.push({ level: 'ask', reason: `${name} -n makes a name reference, which can set any variable.` });
      else if (/^-[a-zA-Z]*i/.test(text)) findings.push({ level: 'ask', reason: `${name} -i evaluates assigned values as arithmetic, which can run code.` });
      else if (!text.startsWith('-')) findings.push(assignmentFinding(assignedName(text) ? text : `${text}=`, name));
    }
  }
  if (name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
    for (const t of args.filter((w) => !(w.value ?? w.loose).startsWith('-'))) {
      const target = t.value ?? t.loose;
      if (isRiskyVariable(target)) findings.push({ level: 'ask', reason: `It reads a value into ${target}, which can change what code runs.` });
      if (target.includes('[')) findings.push({ level: 'ask', reason: `It reads into the subscript ${clip(target)}, which bash evaluates as arithmetic code.` });
    }
  }
  if (name === 'printf') {
    const v = args.findIndex((w) => w.value === '-v');
    if (v >= 0) findings.push(assignmentFinding(`${args[v + 1]?.loose ?? ''}=`, 'printf -v'));
  }
  if (name === 'let') findings.push({ level: 'ask', reason: `let evaluates ${clip(command.text)} as arithmetic, which runs code hidden in variable values and subscripts.` });
  if ((name === 'test' || name === '[') && args.some((w, i) => w.loose === '-v' && /\[/.test(args[i + 1]?.loose ?? ''))) {
    findings.push({ level: 'ask', reason: 'test -v with an array subscript evaluates the subscript as code.' });
  }
  return findings;
}

/**
 * Arithmetic text (`$(( ))`, `(( ))`, subscripts, `[[ -eq ]]` operands): numbers and operators only is harmless;
 * a name, quote or subscript is evaluated recursively as code, so it asks.
 */
export function arithmeticFinding(text: string, where: string): Finding {
  const inner = text.replace(/^\$?\(\(|\)\)$/g, '').replace(/^\$\[|\]$/g, '').replace(/\b0[xX][0-9a-fA-F]+\b/g, '0');
  if (/^[\s\d+\-*/%()<>=!&|^~?:,]*$/.test(inner)) return { level: 'unlisted', reason: `It uses ${where} ${clip(text)}.` };
  return { level: 'ask', reason: `It uses ${where} ${clip(text)}; bash evaluates names and array subscripts in it as code (a value like a[$(cmd)] runs cmd).` };
}
