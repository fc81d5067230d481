import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from 'smart-policy';
import { describe, expect, it } from 'vitest';

const extension = dirname(dirname(fileURLToPath(import.meta.url)));
const snippets = JSON.parse(readFileSync(join(extension, 'snippets', 'smartpolicy.code-snippets'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

/** The text a snippet inserts when every placeholder keeps its default (the first choice). */
function expand(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\\$/g, '$')
    .replace(/\t/g, '  ');
}

/** Statements are only valid inside their block. */
const WRAP: Record<string, (text: string) => string> = {
  'allow rule': (t) => `grant portal {\n  ${t}\n}`,
  'deny rule': (t) => `grant portal {\n  ${t}\n}`,
  'where clause': (t) => `explain Observation {\n  ${t}\n}`,
};

describe('snippets', () => {
  it('cover every block kind of the language', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const block of ['policy', 'app', 'grant', 'context', 'refresh', 'registration', 'explain', 'phrasebook', 'test', 'import']) {
      expect(prefixes).toContain(block);
    }
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" inserts text the parser reads without a syntax error`, () => {
      const text = (WRAP[name] ?? ((t: string) => t))(expand(snippet.body));
      const { diagnostics } = parsePolicy(text, 'snippet.smartpolicy');
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});
