/**
 * The agent panel's access to the markdown renderer, which arrives as a second script (markdownScript.ts). Until
 * it has, text shows as plain text, and the panel redraws it once the renderer is there.
 */

type Render = (el: HTMLElement, text: string) => void;

/** The global through which the second script hands over its renderer. */
export type MarkdownGlobal = Window & { autoAgentMarkdown?: Render };

export const markdownLoadedEvent = 'autoagent-markdown-loaded';

export function isMarkdownLoaded(): boolean {
  return !!(window as MarkdownGlobal).autoAgentMarkdown;
}

/** Renders sanitized markdown into `el`, or its plain text while the renderer is not loaded yet. */
export function renderMarkdownText(el: HTMLElement, text: string): void {
  const render = (window as MarkdownGlobal).autoAgentMarkdown;
  if (render) render(el, text);
  else el.textContent = text;
}

/** Loads the renderer script (same nonce as the panel's script, so the page's CSP allows it); `onLoaded` runs once it is there. */
export function loadMarkdown(src: string, nonce: string, onLoaded: () => void): void {
  if (isMarkdownLoaded()) return onLoaded();
  window.addEventListener(markdownLoadedEvent, () => onLoaded(), { once: true });
  const script = document.createElement('script');
  script.nonce = nonce;
  script.src = src;
  document.body.append(script);
}
