/**
 * Renders `rules/README.md`, the index of every rule code, from the registry, so the index can
 * never drift from the code (a test compares the committed file with this output).
 */
import type { RuleRegistry } from '../rule-registry.js';
import { RULE_CATEGORIES } from '../../model/rule-types.js';

const CATEGORY_TITLES: Readonly<Record<string, string>> = {
  syntax: 'Syntax (reported by the parser and loader)',
  semantic: 'Semantic',
  security: 'Security',
  consent: 'Consent',
  style: 'Style',
};

/** The Markdown index of rules, grouped by category. */
export function renderRuleIndex(registry: RuleRegistry): string {
  const lines: string[] = [
    '# Checker rules',
    '',
    '<!-- Generated from the rule registry by engine/src/check/docs/rule-index.ts; a test keeps it in sync. -->',
    '',
    'Every diagnostic has a stable dotted code `<category>.<name>`. Each rule lives in its own',
    'folder here (`<code>/rule.ts` and `<code>/README.md`); change a level with',
    '`{"rules": {"<code>": "off|hint|info|warning|error"}}` in `smart-policy.json` next to the',
    'policy, or silence one place with `# smart-policy-ignore <code> <reason>`',
    '(`# smart-policy-ignore-file <code>` for a whole file).',
    '',
    'To add a rule: create `<category>.<name>/rule.ts` (export a `defineRule({...})` with `code`,',
    '`name`, `category`, `defaultSeverity`, `summary`, `check`) and `README.md` (first paragraph =',
    '`summary`), add it to `index.ts`, add corpus cases in `test/corpus/diagnostics/`, and',
    'regenerate this file: `UPDATE_RULE_INDEX=1 npx vitest run engine/test/check/registry.test.ts`.',
    '',
  ];
  for (const category of RULE_CATEGORIES) {
    const rules = registry.byCategory(category);
    lines.push(`## ${CATEGORY_TITLES[category] ?? category}`, '');
    if (rules.length === 0) {
      lines.push('No rules yet.', '');
      continue;
    }
    lines.push('| code | default | summary |', '| --- | --- | --- |');
    for (const rule of rules) {
      const link = category === 'syntax' ? `syntax/README.md#${rule.code.replace(/\./g, '')}` : `${rule.code}/README.md`;
      lines.push(`| [\`${rule.code}\`](${link}) | ${rule.defaultSeverity} | ${rule.summary.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
