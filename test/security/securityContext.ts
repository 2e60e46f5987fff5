/**
 * Test helpers for the security suites: a real ToolContext over a temporary workspace with the default safety
 * rules (real tree-sitter-bash parser) wired in, and small fixtures. Test-only code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createParser } from '../../src/node/grammars';
import { NodeFiles } from '../../src/node/nodeFiles';
import { resolveSettings, type AgentSettings } from '../../src/core/settings';
import { defaultRules } from '../../src/core/policy/defaultRules';
import type { BashParser } from '../../src/core/policy/commandAnalysis/bashParser';
import type { ApprovalDecision, Shell } from '../../src/core/host';
import { createTestContext, ScriptedApprovals } from '../support/testHost';

let parser: Promise<BashParser> | undefined;

/** One shared bash parser for the whole run (parse is synchronous, so sharing is safe). */
export function bashParser(): Promise<BashParser> {
  parser ??= createParser('bash');
  return parser;
}

export interface SecureContextOptions {
  root: string;
  roots?: string[];
  settings?: Partial<AgentSettings>;
  decisions?: ApprovalDecision[];
  fallback?: ApprovalDecision;
  /** Default: a plain NodeShell (no sandbox). */
  shell?: Shell;
}

/** A context whose gate runs `defaultRules` exactly as the composition root wires them. */
export async function secureContext(options: SecureContextOptions) {
  const roots = options.roots ?? [options.root];
  const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model', ...options.settings });
  const rules = defaultRules({ settings, roots, files: new NodeFiles(), homeDir: os.homedir(), bashParser: await bashParser() });
  const approvals = new ScriptedApprovals(options.decisions ?? [], [], options.fallback ?? { isApproved: true });
  const made = createTestContext({ root: options.root, roots, settings: options.settings, rules, approvals, shell: options.shell });
  return { ...made, approvals, rules, settings };
}

/** Writes a file, creating its folders. */
export function put(root: string, rel: string, text: string): string {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}
