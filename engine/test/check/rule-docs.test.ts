/**
 * Every rule README's example is executable documentation: the "Reported" policy must produce
 * the rule's code and the "Fixed" policy must not.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRegistry } from '../../src/check/rule-registry.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { checkPolicy } from '../../src/check/check-policy.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../src/check/rules');

function examples(readme: string): { reported?: string; fixed?: string } {
  const block = (label: string): string | undefined => {
    const m = new RegExp(`${label}:\\n\\n\`\`\`smartpolicy\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
    return m?.[1];
  };
  const reported = block('Reported');
  const fixed = block('Fixed');
  return { ...(reported === undefined ? {} : { reported }), ...(fixed === undefined ? {} : { fixed }) };
}

function codes(text: string): string[] {
  const parsed = parsePolicy(text, 'example.smartpolicy');
  return checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics }).diagnostics.map((d) => d.code);
}

describe('rule README examples', () => {
  // Every rule of every category but syntax, consent rules included; rules reported outside
  // policy text (rule-failed, invalid-config) have no policy example.
  const documented = defaultRegistry
    .all()
    .filter((r) => r.category !== 'syntax')
    .filter((r) => r.check !== undefined || examples(readFileSync(join(RULES_DIR, r.code, 'README.md'), 'utf8')).reported !== undefined);
  it('covers the rules with checks and the runner-reported rules with examples', () => {
    expect(documented.map((r) => r.code)).toContain('semantic.unused-ignore');
    // No category is left out: each one's rules with a check run their examples here.
    for (const category of new Set(defaultRegistry.all().map((r) => r.category))) {
      if (category === 'syntax') continue;
      const withCheck = defaultRegistry
        .byCategory(category)
        .filter((r) => r.check !== undefined)
        .map((r) => r.code);
      expect(
        documented.map((r) => r.code),
        category,
      ).toEqual(expect.arrayContaining(withCheck));
      expect(withCheck.length, category).toBeGreaterThan(0);
    }
  });
  for (const rule of documented) {
    it(rule.code, () => {
      const { reported, fixed } = examples(readFileSync(join(RULES_DIR, rule.code, 'README.md'), 'utf8'));
      expect(reported, 'README has a Reported smartpolicy example').toBeDefined();
      expect(fixed, 'README has a Fixed smartpolicy example').toBeDefined();
      expect(codes(reported!)).toContain(rule.code);
      const after = codes(fixed!);
      expect(after).not.toContain(rule.code);
      expect(after.filter((c) => c.startsWith('syntax.'))).toEqual([]);
    });
  }
});

describe('rule README quick-fix data column', () => {
  it('lists every data key the rule reports in the corpus', async () => {
    const { loadDiagnosticCorpus } = await import('../../../test/corpus/load-corpus.js');
    const missing: string[] = [];
    for (const c of loadDiagnosticCorpus()) {
      const parsed = parsePolicy(c.input, 'case.smartpolicy');
      for (const d of checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics }).diagnostics) {
        const rule = defaultRegistry.get(d.code);
        if (!rule || rule.category === 'syntax') continue;
        const readme = readFileSync(join(RULES_DIR, rule.code, 'README.md'), 'utf8');
        const row = readme.split('\n').find((l) => l.startsWith(`| \`${rule.category}\``)) ?? '';
        for (const key of Object.keys(d.data ?? {})) if (!row.includes(`\`${key}\``)) missing.push(`${d.code}: ${key}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
