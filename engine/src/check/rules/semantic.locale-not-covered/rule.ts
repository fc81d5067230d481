import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import type { ExplainText } from '../../../language/ast.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';
import { isLocaleTag } from '../../model/locale-tag.js';
import { frameCoverage } from '../../model/frame-coverage.js';
import { MESSAGE_KEYS } from '../../../explain/catalog-phrasebook.js';
import { consentInput } from '../../model/consent-rule-input.js';
import { languageOf, renderableLanguages } from '../../../explain/phrasebook/index.js';

/** Languages the built-in consent phrasebook covers (issue 4); other locales need policy frames and text. */
export const PHRASEBOOK_LANGUAGES: readonly string[] = renderableLanguages();

/**
 * A declared locale must be covered: a locale the built-in phrasebook does not know needs
 * sentence frames (a `phrasebook <locale> { … }` block; when one exists, the phrasebook rules
 * report what it lacks) and at least one explain text, and every explain block (and `where`)
 * that has text in some declared locale needs it in every declared locale used in explain blocks.
 */
export const localeNotCovered = defineRule({
  code: 'semantic.locale-not-covered',
  name: 'locale-not-covered',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'A declared locale has no sentence frames or no explanation text (or an explain block lacks it), so consent screens in that language fall back to another language.',
  check(context) {
    const out: RuleFinding[] = [];
    const declared = context.index.locales.map((l) => textOf(l.node)).filter((l): l is string => l !== undefined);
    if (declared.length === 0) return out;
    const used = new Set<string>();
    for (const { node } of context.index.explains) {
      for (const st of list(node.statements)) {
        if (st?.kind === 'explain.text') addLocale(used, st);
        if (st?.kind === 'explain.where') for (const t of list(st.texts)) addLocale(used, t);
      }
    }
    const catalog = consentInput(context).catalog;
    const phrasebookLanguages = new Set(
      context.index.phrasebooks
        .map((p) => textOf(p.node.locale))
        .filter((l): l is string => l !== undefined)
        .map(languageOf),
    );
    for (const { node, uri } of context.index.locales) {
      const tag = textOf(node);
      if (tag === undefined || !isLocaleTag(tag) || PHRASEBOOK_LANGUAGES.includes(languageOf(tag))) continue;
      const coverage = frameCoverage(tag, catalog);
      if (!coverage.renderable && !phrasebookLanguages.has(languageOf(tag))) {
        // Texts alone are not enough: without frames the renderer cannot build a sentence in this language.
        const missing = [...coverage.missing, ...coverage.invalid];
        out.push(
          finding(
            rangeOf(node),
            `Locale "${tag}" is declared but consent sentences cannot be written in it: the built-in phrasebook covers only ${PHRASEBOOK_LANGUAGES.join(' and ')}, so "${tag}" needs sentence frames in a \`phrasebook ${tag} { … }\` block (${missing.length === MESSAGE_KEYS.length ? `all ${missing.length} messages of docs/language.md` : `messages ${missing.join(', ')}`}${coverage.noWildcard ? ', and a wildcard noun' : ''}) and "${tag}" texts in the explain blocks; until then its readers get the default locale. Or remove the locale.`,
            uri,
            { locale: tag, missing, insert: `phrasebook ${tag} {\n}` },
          ),
        );
        continue;
      }
      if (used.has(tag)) continue;
      out.push(
        finding(
          rangeOf(node),
          `Locale "${tag}" is declared but no explain block has text in it, so ${tag} consent screens name data with generic words; add "${tag}" texts to the explain blocks, or remove the locale.`,
          uri,
          { locale: tag },
        ),
      );
    }
    const needed = declared.filter((l) => used.has(l));
    for (const { node, uri } of context.index.explains) {
      const target = textOf(node.target);
      const own = list(node.statements).filter((s): s is ExplainText => s?.kind === 'explain.text');
      missing(own, needed).forEach((locale) => {
        out.push(
          finding(
            rangeOf(node.target),
            `explain ${target ?? ''} has no "${locale}" text; add \`${locale} "..."\` so ${locale} consent screens can describe it.`,
            uri,
            { locale, target, insert: `${locale} ""` },
          ),
        );
      });
      for (const st of list(node.statements)) {
        if (st?.kind !== 'explain.where') continue;
        missing(list(st.texts), needed).forEach((locale) => {
          out.push(
            finding(
              rangeOf(st.param),
              `where ${textOf(st.param) ?? ''} = ${st.value?.text ?? ''} has no "${locale}" text; add \`${locale} "..."\` inside it.`,
              uri,
              { locale, target, insert: `${locale} ""` },
            ),
          );
        });
      }
    }
    return out;
  },
});

function addLocale(set: Set<string>, text: ExplainText | undefined): void {
  const tag = textOf(text?.locale);
  if (tag !== undefined) set.add(tag);
}

function missing(texts: readonly ExplainText[], needed: readonly string[]): string[] {
  if (texts.length === 0) return [];
  const have = new Set(texts.map((t) => textOf(t?.locale)).filter((t): t is string => t !== undefined));
  return needed.filter((l) => !have.has(l));
}
