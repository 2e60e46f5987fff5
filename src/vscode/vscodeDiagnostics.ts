/**
 * After an accepted edit, the errors VS Code's language services report that were not there before the write,
 * so they go back to the model with the tool result. Waits for diagnostics to settle, bounded.
 */
import * as vscode from 'vscode';
import type { DiagnosticsSource } from '../core/host';

/** Quiet time after the language service's last report for the file. */
const settleMs = 300;
/** Longest wait for a first report (a language service that has nothing new may stay silent). */
const maxWaitMs = 2500;
const maxErrors = 20;

export class VscodeDiagnostics implements DiagnosticsSource {
  private readonly baselines = new Map<string, string[]>();

  /** `column` is where edited files are shown: never over the agent panel; undefined: opened but not shown. */
  constructor(private readonly column: () => vscode.ViewColumn | undefined = () => vscode.ViewColumn.One) {}

  /** Remembers the errors a file has now; VscodeFiles calls it before every write. */
  remember(file: string): void {
    this.baselines.set(file, errorsOf(vscode.Uri.file(file)));
  }

  async errorsAfterEdit(file: string, signal?: AbortSignal): Promise<string[]> {
    const uri = vscode.Uri.file(file);
    // Language services check documents in editor tabs (pull diagnostics), so the edited file is shown as a
    // preview tab without taking focus: the user sees what changed, and its errors are computed.
    // When the panel is alone there is no column beside it: the file is only opened (no new group halves the panel).
    const waiting = settle(uri, signal);
    const column = this.column();
    await vscode.workspace.openTextDocument(uri)
      .then((doc) => (column === undefined ? undefined : vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true, viewColumn: column })))
      .then(() => undefined, () => undefined);
    await waiting;
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

/** Resolves `settleMs` after the file's latest diagnostics report, or after `maxWaitMs` without one. */
function settle(uri: vscode.Uri, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const cap = setTimeout(done, maxWaitMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(done, settleMs);
    });
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      if (quiet) clearTimeout(quiet);
      clearTimeout(cap);
      sub.dispose();
      resolve();
    }
  });
}
