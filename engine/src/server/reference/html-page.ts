/** The reference server's own small pages (user picker, errors, home): plain HTML, every value escaped. */
import { escapeHtml } from '../../explain/docs/html.js';

export { escapeHtml };

const CSS = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}pre{background:#f4f4f4;padding:.75rem;overflow:auto;font-size:.85rem;border-radius:4px}
.card{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}.deny{color:#8a1c1c}.allow{color:#135e22}
button,.button{font-size:1rem;padding:.5rem 1rem;border-radius:4px;border:1px solid #335;background:#eef;cursor:pointer;text-decoration:none;color:#113}
label{display:block;margin:.4rem 0}`;

/** A complete page; `body` must already be escaped HTML. */
export function page(title: string, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}

export function errorPage(title: string, message: string): string {
  return page(title, `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`);
}
