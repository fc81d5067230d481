import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { rangeOf, textOf } from '../../../model/safe.js';
import { frameCoverage } from '../../model/frame-coverage.js';
import { languageOf } from '../../../explain/phrasebook/index.js';
import { consentInput } from '../../model/consent-rule-input.js';

/**
 * For a language without built-in frames the renderer needs every frame (and a noun for `*`);
 * with any missing it renders that language's consent screens in the default locale. Reported
 * once per declared locale, at its first phrasebook block. (For English and Spanish a phrasebook only
 * overrides frames, so nothing is missing.)
 */
export const phrasebookIncomplete = defineRule({
  code: 'semantic.phrasebook-incomplete',
  name: 'phrasebook-incomplete',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'A phrasebook for a language without built-in frames lacks some of them, so consent screens in that language fall back to the default locale.',
  check(context) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    const catalog = consentInput(context).catalog;
    // An undeclared phrasebook is never used (semantic.phrasebook-undeclared-locale says so).
    const declared = new Set(catalog.locales.map(languageOf));
    for (const { node, uri } of context.index.phrasebooks) {
      const tag = textOf(node.locale);
      if (tag === undefined || seen.has(tag) || !declared.has(languageOf(tag))) continue;
      seen.add(tag);
      const coverage = frameCoverage(tag, catalog);
      if (coverage.builtin || (coverage.missing.length === 0 && !coverage.noWildcard)) continue;
      const parts = [
        ...(coverage.missing.length > 0 ? [`message ${coverage.missing.join(', ')}`] : []),
        ...(coverage.noWildcard ? ['a `wildcard "…"` noun (or an `explain *` text in this locale)'] : []),
      ];
      out.push(
        finding(
          rangeOf(node.locale),
          `phrasebook ${tag} lacks ${parts.join(' and ')}; without every frame, ${tag} consent screens are shown in the default locale.`,
          uri,
          {
            locale: tag,
            missing: coverage.missing,
            wildcard: !coverage.noWildcard,
          },
        ),
      );
    }
    return out;
  },
});
