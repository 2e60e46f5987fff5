/**
 * The markdown renderer as its own script for the agent panel (markdown-it and DOMPurify are most of the panel's
 * code): the page inlines it when its first frame shows model text, else the panel loads it after that frame.
 */
import { renderMarkdown } from './markdown';
import { markdownLoadedEvent, type MarkdownGlobal } from './lazyMarkdown';

(window as MarkdownGlobal).autoAgentMarkdown = renderMarkdown;
window.dispatchEvent(new Event(markdownLoadedEvent));
