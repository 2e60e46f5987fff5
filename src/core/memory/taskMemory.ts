/**
 * What the memory tools get for one task: the notes, the index, the provenance of what the task has read, and
 * how note paths are shown. The host builds it (src/node/memoryServices.ts) and hands it in the ToolContext.
 */
import type { MemoryIndex } from './memoryIndex';
import type { MemoryScope } from './memoryNote';
import type { MemoryStore } from './memoryStore';
import type { Provenance } from './provenance';

export interface TaskMemory {
  store: MemoryStore;
  index: MemoryIndex;
  provenance: Provenance;
  /** How the user sees a note's file (`.auto-agent/memory/x.md`, `~/.config/auto-agent/memory/x.md`). */
  displayPath(scope: MemoryScope, id: string): string;
}
