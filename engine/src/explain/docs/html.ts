/** Minimal, safe HTML building for the docs site: every text goes through `escapeHtml`. */

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A complete HTML document with the shared stylesheet (linked, or inlined for webviews). */
export function htmlPage(options: { lang: string; title: string; body: string; cssHref: string; inlineCss?: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(options.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    options.inlineCss !== undefined
      ? `<style>${options.inlineCss}</style>`
      : `<link rel="stylesheet" href="${escapeHtml(options.cssHref)}">`,
    '</head>',
    '<body>',
    options.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A file-name-safe slug of an app class or locale name. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'item' : s;
}
