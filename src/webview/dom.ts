/** A tiny DOM builder: elements with attributes, listeners and children; text is always set as text. */

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** A codicon (bundled font), hidden from screen readers; pair it with text or an aria-label. */
export function icon(name: string, extra = ''): HTMLElement {
  return h('span', { class: `codicon codicon-${name} ${extra}`.trim(), 'aria-hidden': 'true' });
}

/** A button with an icon and a label; `title` doubles as the accessible name for icon-only buttons. */
export function button(options: { label?: string; icon?: string; title?: string; kind?: 'primary' | 'secondary' | 'icon'; onClick(): void; testId?: string }): HTMLButtonElement {
  return h('button', {
    type: 'button',
    class: `btn ${options.kind ?? 'secondary'}`,
    title: options.title,
    'aria-label': options.label ? undefined : options.title,
    'data-testid': options.testId,
    onclick: () => options.onClick(),
  }, options.icon ? icon(options.icon) : null, options.label ? h('span', {}, options.label) : null);
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
