/**
 * A minimal stand-in for the `vscode` module, so plain-Node security tests can drive the VS Code host pieces that
 * need only Uri, EventEmitter and workspace trust (CSP shell, approvals, Restricted Mode). Test-only.
 */
import Module from 'node:module';

class FakeUri {
  constructor(readonly path: string) {}
  static file(p: string): FakeUri { return new FakeUri(p); }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri { return new FakeUri([base.path, ...parts].join('/')); }
  toString(): string { return `vscode-webview-resource://ext${this.path}`; }
}

class FakeEventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const l of this.listeners) l(value); }
  dispose(): void { this.listeners = []; }
}

/** The fake's mutable state: tests flip `workspace.isTrusted`. */
export const fakeVscode = {
  Uri: FakeUri,
  EventEmitter: FakeEventEmitter,
  workspace: { isTrusted: true, getConfiguration: () => ({ get: () => undefined }) },
  window: {},
  commands: {},
};

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleApi = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const original = moduleApi._resolveFilename;
moduleApi._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
};
moduleApi._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode };
