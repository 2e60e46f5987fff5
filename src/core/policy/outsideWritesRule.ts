/**
 * Writes outside every workspace root: refused by default, asked when the `outsideWrites` setting is `ask`.
 * The path guard refuses them first; this rule is the gate's own check, so a tool that skipped the guard
 * still cannot write outside. Paths are canonicalised (symlinks resolved) before they are compared.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';
import type { PermissionRequest, PermissionRule, RuleVerdict } from './permissionGate';
import { canonicalPath, findRoot, type OutsideWritePolicy } from './pathGuard';

export interface OutsideWritesRuleOptions {
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  outsideWrites: OutsideWritePolicy;
}

/** Builds the rule for `edit` requests. */
export function outsideWritesRule(options: OutsideWritesRuleOptions): PermissionRule {
  return {
    name: 'outside-writes',
    async evaluate(request: PermissionRequest): Promise<RuleVerdict> {
      if (request.risk !== 'edit' || !request.paths) return { kind: 'pass' };
      const outside: string[] = [];
      for (const abs of request.paths) {
        const canonical = await canonicalPath(options.files, path.resolve(abs));
        if (!findRoot(options.roots, canonical, options.homeDir)) outside.push(canonical);
      }
      if (outside.length === 0) return { kind: 'pass' };
      if (options.outsideWrites === 'ask') return { kind: 'ask', reason: `It writes outside the workspace: ${outside.join(', ')}.` };
      return { kind: 'deny', reason: `Refused: ${outside.join(', ')} is outside the workspace, and writes outside it are off (setting outsideWrites).` };
    },
  };
}
