/**
 * Switches on the codicon font late. VS Code shows a webview's frame only after its document's `load` event, which
 * would otherwise wait for the font to be fetched; the page keeps the font face in a stylesheet matching no media,
 * and the icon glyphs hidden, until this runs (see src/vscode/webviewHtml.ts).
 */
export function enableIcons(): void {
  const fontFace = document.getElementById('codicon-font');
  if (fontFace instanceof HTMLStyleElement) fontFace.media = 'all';
  document.getElementById('codicon-hide')?.remove();
}

/** Enables the icons once the page has loaded. */
export function enableIconsAfterLoad(): void {
  if (document.readyState === 'complete') enableIcons();
  else window.addEventListener('load', enableIcons, { once: true });
}
