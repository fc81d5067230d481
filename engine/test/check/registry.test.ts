import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRegistry, RuleRegistry } from '../../src/check/rule-registry.js';
import { RULE_CATEGORIES } from '../../src/model/rule-types.js';
import { renderRuleIndex } from '../../src/check/docs/rule-index.js';
import { defineRule } from '../../src/model/define-rule.js';
import { UPDATE_GOLDEN, readGolden } from '../support/golden.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../src/check/rules');

/** The first paragraph after the `# title` line. */
function firstParagraph(markdown: string, heading?: string): string {
  let text = markdown;
  if (heading !== undefined) {
    const at = text.indexOf(`\n## ${heading}\n`);
    if (at < 0) return '';
    text = text.slice(at + 1);
  }
  const lines = text.split('\n');
  const start = lines.findIndex((l, i) => i > 0 && l.trim() !== '');
  const para: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.trim() !== ''; i++) para.push(lines[i]!.trim());
  return para.join(' ');
}

describe('rule registry', () => {
  const rules = defaultRegistry.all();

  it('has unique dotted codes whose prefix is the category (syntax codes excepted)', () => {
    const codes = rules.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of rules) {
      expect(RULE_CATEGORIES).toContain(r.category);
      if (r.category !== 'syntax') {
        expect(r.code).toBe(`${r.category}.${r.name}`);
      }
    }
  });

  it('gives every non-syntax rule its own folder with rule.ts and a README whose first paragraph is the summary', () => {
    for (const r of rules.filter((x) => x.category !== 'syntax')) {
      const folder = join(RULES_DIR, r.code);
      expect(existsSync(join(folder, 'rule.ts')), r.code).toBe(true);
      const readme = readFileSync(join(folder, 'README.md'), 'utf8');
      expect(readme.startsWith(`# ${r.code}\n`), r.code).toBe(true);
      expect(firstParagraph(readme), r.code).toBe(r.summary);
      for (const section of ['## Why it matters', '## How to fix', '## Example', '## How to silence it']) {
        expect(readme, `${r.code} ${section}`).toContain(section);
      }
    }
  });

  it('documents every syntax code in syntax/README.md with its summary', () => {
    const readme = readFileSync(join(RULES_DIR, 'syntax', 'README.md'), 'utf8');
    for (const r of defaultRegistry.byCategory('syntax')) {
      expect(firstParagraph(readme, r.code), r.code).toBe(r.summary);
    }
  });

  it('has no rule folder that is not registered', () => {
    const folders = readdirSync(RULES_DIR).filter((f) => statSync(join(RULES_DIR, f)).isDirectory() && f !== 'syntax');
    for (const f of folders) expect(defaultRegistry.has(f), f).toBe(true);
  });

  it('keeps rules/README.md in sync with the registry', () => {
    const expected = renderRuleIndex(defaultRegistry);
    // A generated document is a golden: written only by `npm run goldens:update` (or UPDATE_RULE_INDEX=1).
    const update = UPDATE_GOLDEN || process.env['UPDATE_RULE_INDEX'] === '1';
    expect(readGolden(join(RULES_DIR, 'README.md'), expected, update)).toBe(expected);
  });

  it('refuses duplicate or malformed codes, and adds rules without changing the receiver', () => {
    const extra = defineRule({
      code: 'consent.example',
      name: 'example',
      category: 'consent',
      defaultSeverity: 'info',
      summary: 'x',
      check: () => [],
    });
    const bigger = defaultRegistry.with(extra);
    expect(bigger.has('consent.example')).toBe(true);
    expect(defaultRegistry.has('consent.example')).toBe(false);
    expect(() => bigger.with(extra)).toThrow(/twice/);
    expect(() => new RuleRegistry([{ ...extra, code: 'SP100' }])).toThrow(/dotted/);
  });
});
