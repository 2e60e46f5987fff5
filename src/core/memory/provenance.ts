/**
 * What untrusted content a task has read: web pages (fetch_url) and files outside the workspace. A note saved
 * by such a task carries this list and always asks before it is written, so an instruction planted in a page
 * cannot quietly become a persistent one ("memory poisoning"). Recorded by a permission rule, so every read
 * that the gate sees counts, whatever tool made it (even one the user then declined: erring on the safe side).
 */
import * as path from 'node:path';
import type { PermissionRule } from '../policy/permissionGate';
import { findRoot } from '../policy/pathGuard';

export class Provenance {
  private readonly seen = new Set<string>();

  note(source: string): void {
    this.seen.add(source);
  }

  get sources(): string[] {
    return [...this.seen];
  }

  get isTainted(): boolean {
    return this.seen.size > 0;
  }
}

/** A rule that never changes a verdict: it only records network reads and reads outside the roots. */
export function provenanceRule(provenance: Provenance, roots: readonly string[], homeDir: string): PermissionRule {
  return {
    name: 'memory-provenance',
    evaluate(request) {
      if (request.risk === 'network' && request.url) provenance.note(`web: ${request.url}`);
      if (request.risk === 'read') {
        for (const abs of request.paths ?? []) if (!findRoot(roots, path.resolve(abs), homeDir)) provenance.note(`outside the workspace: ${abs}`);
      }
      return { kind: 'pass' };
    },
  };
}
