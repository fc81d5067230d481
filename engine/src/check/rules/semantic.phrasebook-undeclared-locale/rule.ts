import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { rangeOf, textOf } from '../../../model/safe.js';
import { isLocaleTag } from '../../model/locale-tag.js';
import { languageOf } from '../../../explain/phrasebook/index.js';

/**
 * A phrasebook is used for the declared locales of its language (`phrasebook fr` serves
 * `fr` and `fr-CA`); one whose language no declared locale has is never used.
 */
export const phrasebookUndeclaredLocale = defineRule({
  code: 'semantic.phrasebook-undeclared-locale',
  name: 'phrasebook-undeclared-locale',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'A phrasebook is for a locale the policy does not declare, so consent screens never use it.',
  check(context) {
    const out: RuleFinding[] = [];
    const declared = context.index.locales.map((l) => textOf(l.node)).filter((l): l is string => l !== undefined);
    // A policy set without `locales` is English only; the catalog treats it so.
    const effective = declared.length > 0 ? declared : ['en'];
    for (const { node, uri } of context.index.phrasebooks) {
      const tag = textOf(node.locale);
      if (tag === undefined) continue;
      const wellFormed = isLocaleTag(tag);
      if (wellFormed && effective.some((d) => d === tag || languageOf(d) === languageOf(tag))) continue;
      const suggestion = suggest(
        tag,
        effective.filter((d) => d.toLowerCase() === tag.toLowerCase()),
      );
      const why = wellFormed ? `is not among the declared locales (${effective.join(', ')})` : 'is not a BCP 47 language tag';
      out.push(
        finding(
          rangeOf(node.locale),
          `phrasebook ${tag} ${why}, so it is never used; declare it in \`locales ${[...effective, tag].join(', ')}\` or remove the block.${didYouMean(suggestion)}`,
          uri,
          {
            found: tag,
            declared: effective,
            ...(suggestion === undefined ? {} : { replacement: suggestion }),
          },
        ),
      );
    }
    return out;
  },
});
