/** File links in rendered text: `data-file`/`data-line` attributes that ask the host to open the editor there. */

export interface FileLinkTarget {
  path: string;
  line?: number;
}

/** Reads the target of a file link created by markAsFileLink. */
export function fileLinkTarget(el: Element): FileLinkTarget | undefined {
  const link = el.closest('[data-file]');
  if (!link) return undefined;
  const line = Number(link.getAttribute('data-line'));
  return { path: link.getAttribute('data-file') ?? '', line: Number.isInteger(line) && line > 0 ? line : undefined };
}

export function markAsFileLink(a: HTMLElement, target: FileLinkTarget | undefined): void {
  if (!target?.path) return;
  a.setAttribute('data-file', target.path);
  if (target.line) a.setAttribute('data-line', String(target.line));
  a.setAttribute('href', '#');
  a.setAttribute('class', 'file-link');
  a.setAttribute('title', `Open ${target.path}${target.line ? ` at line ${target.line}` : ''}`);
}
