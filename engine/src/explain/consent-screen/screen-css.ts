/**
 * The consent screen's stylesheet: AA contrast for every text colour (checked in Chromium),
 * visible focus, risky and sensitive choices set apart by a heading, a border and a text badge
 * (never by colour alone), and text that wraps instead of overflowing.
 */
export const SCREEN_CSS = `
:root { --fg: #1b1f24; --muted: #4a5460; --bg: #ffffff; --panel: #f4f6f8; --line: #8c959f; --accent: #0b5cad; --risk: #8a3b00; --risk-bg: #fff4e5; --sensitive: #5a2d82; --sensitive-bg: #f5effa; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; line-height: 1.5; color: var(--fg); background: var(--bg); }
.consent { max-width: 32rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
.consent h1 { font-size: 1.4rem; line-height: 1.25; margin: .5rem 0 .75rem; }
.consent h2 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
.consent p, .consent li, .consent label, .consent summary { overflow-wrap: anywhere; }
.consent a { color: var(--accent); }
.consent a:focus-visible, .consent button:focus-visible, .consent summary:focus-visible, .consent input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.app-identity { display: flex; gap: .75rem; align-items: center; border-bottom: 1px solid var(--line); padding-bottom: .75rem; }
.app-identity img { width: 3rem; height: 3rem; object-fit: contain; border-radius: .5rem; border: 1px solid var(--line); }
.app-identity .app-name { font-weight: 600; margin: 0; }
.app-identity .publisher { color: var(--muted); margin: 0; font-size: .95rem; }
.signed-in { background: var(--panel); border-radius: .5rem; padding: .5rem .75rem; margin: 0 0 1rem; }
.signed-in button { font: inherit; color: var(--accent); background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; }
.intro { color: var(--muted); margin: 0 0 .5rem; }
.choices { list-style: none; padding: 0; margin: .5rem 0 0; }
.choice { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; margin: 0 0 .75rem; }
.choice .row { display: flex; gap: .6rem; align-items: flex-start; }
.choice input[type=checkbox] { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; flex: none; accent-color: var(--accent); }
.choice label, .choice .line { font-weight: 600; }
.choice .line { margin: 0; }
.choice details { margin: .5rem 0 0 1.85rem; }
.choice summary { cursor: pointer; color: var(--accent); }
.choice details p { margin: .5rem 0 0; padding-left: .75rem; border-left: 3px solid var(--line); }
.tag { display: inline-block; font-size: .875rem; font-weight: 600; border: 1px solid currentColor; border-radius: .25rem; padding: 0 .35rem; margin: .35rem .35rem 0 1.85rem; }
.required .tag { margin-left: 0; color: var(--muted); }
section.risky .choice { border: 2px solid var(--risk); background: var(--risk-bg); }
section.risky .tag { color: var(--risk); background: var(--risk-bg); }
section.sensitive .choice { border: 2px dashed var(--sensitive); background: var(--sensitive-bg); }
section.sensitive .tag { color: var(--sensitive); background: var(--sensitive-bg); }
.risk-tags { margin: 0; }
.note { font-size: .95rem; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
.actions button { flex: 1 1 12rem; min-height: 2.75rem; font: inherit; font-weight: 600; border-radius: .5rem; border: 2px solid var(--accent); padding: .5rem 1rem; cursor: pointer; }
.actions button.allow { background: var(--accent); color: #ffffff; }
.actions button.deny { background: #ffffff; color: var(--accent); }
`;
