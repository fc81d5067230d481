import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';
import { MESSAGE_KEYS } from '../../../explain/catalog-phrasebook.js';

/**
 * Every `message <key>` of a phrasebook names a sentence frame the renderer has; any other key
 * is never used, and usually is a misspelling that leaves the real frame missing.
 */
export const phrasebookUnknownMessage = defineRule({
  code: 'semantic.phrasebook-unknown-message',
  name: 'phrasebook-unknown-message',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A phrasebook message names a sentence frame the consent renderer does not have, so it is never used.',
  check(context) {
    const out: RuleFinding[] = [];
    const known: readonly string[] = MESSAGE_KEYS;
    for (const { node, uri } of context.index.phrasebooks) {
      for (const st of list(node.statements)) {
        if (st?.kind !== 'phrasebook.message') continue;
        const key = textOf(st.key);
        if (key === undefined || known.includes(key)) continue;
        const suggestion = suggest(key, known);
        out.push(
          finding(
            rangeOf(st.key),
            `"${key}" is not a sentence frame of the consent renderer; the frames are listed in docs/language.md (phrasebook).${didYouMean(suggestion)}`,
            uri,
            {
              found: key,
              ...(suggestion === undefined ? {} : { replacement: suggestion }),
            },
          ),
        );
      }
    }
    return out;
  },
});
