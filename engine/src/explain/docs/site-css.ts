/**
 * The docs site's stylesheet: readable type, strong contrast (WCAG AA), visible focus, and text
 * that wraps instead of overflowing (long scope strings with URLs break anywhere).
 */
export const SITE_CSS = `
:root { --fg: #1b1f24; --muted: #4a5460; --bg: #ffffff; --panel: #f4f6f8; --line: #c9d1d9; --accent: #0b5cad; --warn: #8a4b00; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.5; color: var(--fg); background: var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
p, li, td, th, summary, dd, dt { overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; word-break: break-all; overflow-wrap: anywhere; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: .5rem; }
th { background: var(--panel); }
.warning { color: var(--warn); font-size: .9rem; }
.consent { max-width: 30rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
.consent header { border-bottom: 1px solid var(--line); padding-bottom: .75rem; margin-bottom: 1rem; }
.consent .app-name { font-size: .95rem; color: var(--muted); margin: 0; }
.consent .intro { color: var(--muted); margin: .25rem 0 1rem; }
.consent ul.permissions { list-style: none; padding: 0; margin: 0; }
.consent li.permission { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; margin: 0 0 .75rem; }
.consent li.permission p.headline { margin: 0; font-weight: 600; }
.consent details { margin-top: .5rem; }
.consent summary { cursor: pointer; color: var(--accent); }
.consent details p { font-weight: 400; margin: .5rem 0 0; padding-left: .75rem; border-left: 3px solid var(--line); }
.consent .note { font-size: .9rem; color: var(--muted); }
.consent .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
.consent button { flex: 1 1 0; min-height: 2.75rem; font: inherit; font-weight: 600; border-radius: .5rem; border: 2px solid var(--accent); padding: .5rem 1rem; }
.consent button.allow { background: var(--accent); color: #ffffff; }
.consent button.deny { background: #ffffff; color: var(--accent); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
main.wide { max-width: 100rem; }
.screens { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.screen { margin: 0; flex: 0 0 auto; }
figure.screen iframe { width: 24rem; height: 40rem; border: 1px solid var(--line); border-radius: .5rem; }
.tag { display: inline-block; font-size: .875rem; border: 1px solid currentColor; border-radius: .25rem; padding: 0 .3rem; margin-right: .25rem; }
`;
