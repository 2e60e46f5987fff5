/** Store on the file system: one JSON file of key/value state and one JSONL transcript per task. */
import { closeSync, mkdirSync, openSync, promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { Store, TranscriptWriter } from '../core/host';
import { isChildTaskId } from '../core/loop/childTaskId';

export class NodeStore implements Store {
  private readonly stateFile: string;
  private readonly tasksDir: string;

  constructor(private readonly dir: string) {
    this.stateFile = path.join(dir, 'state.json');
    this.tasksDir = path.join(dir, 'tasks');
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.readState())[key] as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const state = await this.readState();
    state[key] = value;
    await fs.mkdir(this.dir, { recursive: true });
    const temp = `${this.stateFile}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(state, null, 2));
    await fs.rename(temp, this.stateFile);
  }

  openTranscript(taskId: string): TranscriptWriter {
    mkdirSync(this.tasksDir, { recursive: true });
    return new JsonlTranscript(path.join(this.tasksDir, `${safeName(taskId)}.jsonl`));
  }

  async readTranscript(taskId: string): Promise<object[]> {
    const text = await fs.readFile(path.join(this.tasksDir, `${safeName(taskId)}.jsonl`), 'utf8');
    return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as object);
  }

  async listTasks(): Promise<{ taskId: string; mtimeMs: number }[]> {
    const names = await fs.readdir(this.tasksDir).catch(() => [] as string[]);
    const tasks = await Promise.all(names.filter((n) => n.endsWith('.jsonl') && !isChildTaskId(n.slice(0, -'.jsonl'.length))).map(async (name) => ({
      taskId: name.slice(0, -'.jsonl'.length),
      mtimeMs: (await fs.stat(path.join(this.tasksDir, name))).mtimeMs,
    })));
    return tasks.sort((a, b) => b.mtimeMs - a.mtimeMs);
  }

  private async readState(): Promise<Record<string, unknown>> {
    try {
      return JSON.parse(await fs.readFile(this.stateFile, 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
}

/**
 * Writes synchronously to a file kept open: a transcript line is small, and a crash or kill right after an event
 * must still leave that event on disk for review and resume.
 */
class JsonlTranscript implements TranscriptWriter {
  private fd: number | undefined;

  constructor(readonly location: string) {
    this.fd = openSync(location, 'a');
  }

  append(record: object): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  async close(): Promise<void> {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function safeName(taskId: string): string {
  return taskId.replace(/[^A-Za-z0-9._-]/g, '_');
}
