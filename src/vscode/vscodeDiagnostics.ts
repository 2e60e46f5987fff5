/**
 * After an accepted edit, the errors VS Code's language services report that were not there before the write,
 * so they go back to the model with the tool result. Waits for diagnostics to settle, bounded.
 */
import * as vscode from 'vscode';
import type { DiagnosticsSource } from '../core/host';

const settleMs = 700;
const maxWaitMs = 3000;
const maxErrors = 20;

export class VscodeDiagnostics implements DiagnosticsSource {
  private readonly baselines = new Map<string, string[]>();

  /** Remembers the errors a file has now; VscodeFiles calls it before every write. */
  remember(file: string): void {
    this.baselines.set(file, errorsOf(vscode.Uri.file(file)));
  }

  async errorsAfterEdit(file: string, signal?: AbortSignal): Promise<string[]> {
    const uri = vscode.Uri.file(file);
    await settle(uri, signal);
    const before = [...(this.baselines.get(file) ?? [])];
    this.baselines.delete(file);
    const fresh = errorsOf(uri).filter((e) => {
      const at = before.indexOf(e);
      if (at === -1) return true;
      before.splice(at, 1);
      return false;
    });
    return fresh.length > maxErrors ? [...fresh.slice(0, maxErrors), `... and ${fresh.length - maxErrors} more`] : fresh;
  }
}

function errorsOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source ? `${d.source}: ` : ''}${d.message}`);
}

/** Resolves once the file's diagnostics have been quiet for `settleMs`, or after `maxWaitMs`. */
function settle(uri: vscode.Uri, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> = setTimeout(done, settleMs);
    const cap = setTimeout(done, maxWaitMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, settleMs);
    });
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(quiet);
      clearTimeout(cap);
      sub.dispose();
      resolve();
    }
  });
}
