import type { Name } from '../../../language/ast.js';
import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';
import { isLocaleTag } from '../../model/locale-tag.js';

/**
 * Explain texts, the default locale and the `locales` list use well-formed BCP 47 tags, and
 * every locale used is declared in the policy's `locales`.
 */
export const unknownLocale = defineRule({
  code: 'semantic.unknown-locale',
  name: 'unknown-locale',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A locale is used in an explain block or as default locale but is not declared in the policy locales, or is not a well-formed language tag.',
  check(context) {
    const out: RuleFinding[] = [];
    const declared = context.index.locales.map((l) => textOf(l.node)).filter((l): l is string => l !== undefined);
    for (const { node, uri } of context.index.locales) {
      const tag = textOf(node);
      if (tag !== undefined && !isLocaleTag(tag)) {
        out.push(
          finding(rangeOf(node), `"${tag}" is not a BCP 47 language tag; write a tag such as en, es or pt-BR.`, uri, { found: tag }),
        );
      }
    }
    const check = (name: Name | undefined, where: string, uri: string | undefined): void => {
      const tag = textOf(name);
      if (tag === undefined || declared.includes(tag) || tag.startsWith('$')) return;
      // Only a spelling of a declared tag (es-mx → es-MX) or its language (es-MX → es) is a fix.
      const suggestion =
        suggest(
          tag,
          declared.filter((d) => d.toLowerCase() === tag.toLowerCase()),
        ) ?? declared.find((d) => d === tag.split('-')[0]);
      const fix =
        declared.length === 0
          ? 'declare it in the policy block with `locales ...`'
          : `declare it in \`locales ${[...declared, tag].join(', ')}\` or use one of ${declared.join(', ')}`;
      out.push(
        finding(rangeOf(name), `Locale "${tag}" in ${where} is not declared; ${fix}.${didYouMean(suggestion)}`, uri, {
          found: tag,
          declared,
          ...(suggestion === undefined ? {} : { replacement: suggestion }),
        }),
      );
    };
    const def = context.index.defaultLocale;
    if (def && declared.length > 0) check(def.node, 'default locale', def.uri);
    for (const { node, uri } of context.index.explains) {
      for (const st of list(node.statements)) {
        if (st?.kind === 'explain.text') check(st.locale, `explain ${textOf(node.target) ?? ''}`.trim(), uri);
        if (st?.kind === 'explain.where')
          for (const t of list(st.texts)) check(t?.locale, `explain ${textOf(node.target) ?? ''} where`.trim(), uri);
      }
    }
    return out;
  },
});
