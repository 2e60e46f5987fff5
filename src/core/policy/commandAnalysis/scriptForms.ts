/**
 * Small readers of the scripts that sed and awk take as arguments. They do not interpret the script; they find
 * the commands that run programs, write or read files (`sed e`, `w`, `s///w`, `awk system()`, `print > f`,
 * `cmd | getline`). Anything they do not understand counts as dangerous: the answer is "ask", never "safe".
 */

/** Why a sed script is not plain text processing, or undefined when every command in it is understood and harmless. */
export function sedScriptRisk(script: string): string | undefined {
  const reader = new SedReader(script);
  try {
    return reader.read();
  } catch {
    return 'the analysis cannot read the whole script';
  }
}

const harmlessSedCommands = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'l', 'n', 'N', 'p', 'P', 'x', 'z', 'F', '{', '}']);
const sedRisks: Record<string, string> = { e: 'the e command runs a program', w: 'the w command writes a file', W: 'the W command writes a file', r: 'the r command reads a file', R: 'the R command reads a file' };

class SedReader {
  private i = 0;
  constructor(private readonly s: string) {}

  read(): string | undefined {
    for (;;) {
      this.skip(/[\s;]/);
      if (this.i >= this.s.length) return undefined;
      this.address();
      this.skip(/[ \t]/);
      if (this.s[this.i] === ',') { this.i++; this.skip(/[ \t]/); this.address(); }
      this.skip(/[ \t!]/);
      const risk = this.command(this.s[this.i++]);
      if (risk) return risk;
    }
  }

  private command(c: string | undefined): string | undefined {
    if (c === undefined) return undefined;
    if (sedRisks[c]) return sedRisks[c];
    if (harmlessSedCommands.has(c)) return undefined;
    if (c === 's') return this.substitution();
    if (c === 'y') { const d = this.delimiter(); this.delimited(d); this.delimited(d); return undefined; }
    if (c === '#' || c === 'a' || c === 'i' || c === 'c') { this.toLineEnd(); return undefined; }
    if (c === ':' || c === 'b' || c === 't' || c === 'T' || c === 'v') { this.skip(/[^;\n}]/); return undefined; }
    if (c === 'q' || c === 'Q' || c === 'L') { this.skip(/[ \t0-9]/); return undefined; }
    return `it holds the sed command ${JSON.stringify(c)}, which the analysis does not know`;
  }

  private substitution(): string | undefined {
    const d = this.delimiter();
    this.delimited(d);
    this.delimited(d);
    while (this.i < this.s.length && !/[;\n}]/.test(this.s[this.i])) {
      const flag = this.s[this.i++];
      if (flag === 'w') return 'the s command has the w flag, which writes a file';
      if (flag === 'e') return 'the s command has the e flag, which runs the result as a command';
      if (!/[gpiImM0-9 \t]/.test(flag)) return `the s command has the flag ${JSON.stringify(flag)}, which the analysis does not know`;
    }
    return undefined;
  }

  private address(): void {
    const c = this.s[this.i];
    if (c === '$') this.i++;
    else if (c !== undefined && /[0-9+~]/.test(c)) { this.i++; this.skip(/[0-9~]/); }
    else if (c === '/') { this.i++; this.delimited('/'); this.skip(/[IM]/); }
    else if (c === '\\') { this.i++; this.delimited(this.delimiter()); this.skip(/[IM]/); }
  }

  private delimiter(): string {
    const d = this.s[this.i++];
    if (d === undefined || d === '\n' || d === '\\') throw new Error('no delimiter');
    return d;
  }

  /** Skips to just after the next unescaped delimiter; throws when there is none. */
  private delimited(d: string): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') this.i++;
      else if (c === d) return;
    }
    throw new Error('unterminated');
  }

  private toLineEnd(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i += this.s[this.i] === '\\' ? 2 : 1;
  }

  private skip(pattern: RegExp): void {
    while (this.i < this.s.length && pattern.test(this.s[this.i])) this.i++;
  }
}

/** Characters after which a `/` starts a regular expression in awk, not a division. */
const awkRegexAfter = new Set(['', '(', ',', '{', '}', ';', '!', '~', '&', '|', '=', '?', ':', '\n', '<', '>', '+', '-', '*', '%', '^']);

/** Why an awk program can run a program or write or read a file, or undefined when it cannot. */
export function awkProgramRisk(program: string): string | undefined {
  const code = awkCodeOnly(program);
  if (code === undefined) return 'the analysis cannot read the whole program';
  if (/\bsystem\s*\(/.test(code)) return 'it calls system(), which runs a command';
  if (/(^|[^|])\|(?!\|)/.test(code.replace(/\|\|/g, ''))) return 'it pipes to or from a command (|)';
  if (/@\s*(load|include)\b/.test(code)) return 'it loads other code (@load, @include)';
  if (/@\s*[A-Za-z_]/.test(code)) return 'it makes an indirect function call (@name), which can call system()';
  if (/\bgetline\b[^;{}\n]*</.test(code)) return 'it reads a file with getline';
  const writes = code.split(/[;{}\n]/).some((statement) => /\bprintf?\b/.test(statement) && hasTopLevel(statement, '>'));
  if (writes) return 'it prints into a file (print > file)';
  return undefined;
}

/** The program with string and regex literals and comments blanked, or undefined when one is not closed. */
function awkCodeOnly(program: string): string | undefined {
  let out = '';
  let previous = '';
  for (let i = 0; i < program.length; i++) {
    const c = program[i];
    const isRegex = c === '/' && awkRegexAfter.has(previous);
    if (c === '"' || isRegex) {
      const end = literalEnd(program, i + 1, c);
      if (end < 0) return undefined;
      out += `${c}${c}`;
      i = end;
    } else if (c === '#') {
      while (i + 1 < program.length && program[i + 1] !== '\n') i++;
    } else {
      out += c;
    }
    if (!/[ \t]/.test(c)) previous = c === '"' || isRegex ? 'x' : c;
  }
  return out;
}

function literalEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function hasTopLevel(statement: string, char: string): boolean {
  let depth = 0;
  for (const c of statement) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === char && depth === 0) return true;
  }
  return false;
}
