/**
 * Model text as sanitized markdown: markdown-it with raw HTML off, then DOMPurify. File references such as
 * `src/app.ts:12` become links that ask the host to open the editor at that line.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { markAsFileLink, type FileLinkTarget } from './fileLink';

export { fileLinkTarget, type FileLinkTarget } from './fileLink';

// Built on first use: a panel without model text (a new task) does not pay for markdown-it's rule tables.
let md: InstanceType<typeof MarkdownIt> | undefined;
const fileRef = /(?<![\w/.-])((?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@.-]+\.[A-Za-z0-9]{1,8})(?::(\d+)(?::\d+)?|#L(\d+))(?![\w/])/g;

/** Renders into `el`, replacing its content. */
export function renderMarkdown(el: HTMLElement, text: string): void {
  if (!md) {
    md = new MarkdownIt({ html: false, linkify: true, breaks: false });
    // Set once: a config passed to each sanitize() call is parsed again on every call (its allow-lists rebuilt).
    DOMPurify.setConfig({ USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'img'] });
  }
  const html = DOMPurify.sanitize(md.render(text));
  el.innerHTML = html;
  linkFileReferences(el);
  for (const a of Array.from(el.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (!/^https?:/i.test(href)) markAsFileLink(a as HTMLElement, parseHref(href));
  }
}

function linkFileReferences(root: HTMLElement): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n.parentElement?.closest('a, pre'))) nodes.push(n as Text);
  }
  for (const node of nodes) replaceRefs(node);
}

function replaceRefs(node: Text): void {
  const text = node.data;
  fileRef.lastIndex = 0;
  if (!fileRef.test(text)) return;
  fileRef.lastIndex = 0;
  const frag = document.createDocumentFragment();
  let last = 0;
  for (let m = fileRef.exec(text); m; m = fileRef.exec(text)) {
    frag.append(text.slice(last, m.index));
    const a = document.createElement('a');
    a.textContent = m[0];
    markAsFileLink(a, { path: m[1], line: Number(m[2] ?? m[3]) });
    frag.append(a);
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  node.replaceWith(frag);
}

function parseHref(href: string): FileLinkTarget | undefined {
  const m = /^([^#?]+?)(?::(\d+)|#L(\d+))?$/.exec(decodeURIComponent(href));
  if (!m || m[1].includes('://')) return undefined;
  return { path: m[1], line: Number(m[2] ?? m[3]) || undefined };
}
