import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, stringValue, textOf } from '../../../model/safe.js';
import { compileError } from '../../../explain/messages.js';

/**
 * A phrasebook message must compile as ICU MessageFormat 1 with the library the renderer uses
 * (`@messageformat/core`), for the phrasebook's locale; the renderer drops one that does not.
 */
export const phrasebookInvalidMessage = defineRule({
  code: 'semantic.phrasebook-invalid-message',
  name: 'phrasebook-invalid-message',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A phrasebook message is not valid ICU MessageFormat, so the renderer cannot use it.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const { node, uri } of context.index.phrasebooks) {
      const locale = textOf(node.locale);
      if (locale === undefined) continue;
      for (const st of list(node.statements)) {
        if (st?.kind !== 'phrasebook.message') continue;
        const source = stringValue(st.text);
        if (source === undefined) continue;
        const full = compileError(locale, source);
        if (full === undefined) continue;
        // The library appends a code frame after its first line; the diagnostic range already shows where.
        const error = (full.split('\n')[0] ?? full).trim().replace(/:$/, '');
        const key = textOf(st.key);
        out.push(
          finding(rangeOf(st.text), `message ${key ?? ''} is not valid ICU MessageFormat: ${error}`, uri, {
            ...(key === undefined ? {} : { key }),
            error,
          }),
        );
      }
    }
    return out;
  },
});
