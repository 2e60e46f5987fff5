/** A sub-agent's own transcript sits beside its task's, named after both (the task's transcript holds its events too). */
export function childTaskId(taskId: string, childId: string): string {
  return `${taskId}--${childId}`;
}

/** Whether a transcript name is a sub-agent's (task lists leave them out: they are part of their task). */
export function isChildTaskId(taskId: string): boolean {
  return /--sub-[\d.]+$/.test(taskId);
}
