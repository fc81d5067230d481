import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, stringValue, subRange, textOf } from '../../../model/safe.js';
import { MESSAGE_KEYS } from '../../../explain/catalog-phrasebook.js';
import { argumentProblems } from '../../../explain/message-arguments.js';
import { compileError } from '../../../explain/messages.js';
import type { Range } from '../../../language/range.js';

/**
 * A phrasebook message may read only the arguments its key declares, each as its type allows
 * (`select` over a choice, `plural` over a number): `{constructor}` would print the JavaScript
 * function and `plural` over a word "NaN NaN". The renderer drops such a frame; this says which
 * argument and where.
 */
export const phrasebookMessageArgument = defineRule({
  code: 'semantic.phrasebook-message-argument',
  name: 'phrasebook-message-argument',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A phrasebook message names an argument its frame does not have, or uses one as the wrong type, so the renderer drops it.',
  check(context) {
    const out: RuleFinding[] = [];
    const keys: readonly string[] = MESSAGE_KEYS;
    for (const { node, uri } of context.index.phrasebooks) {
      const locale = textOf(node.locale);
      for (const st of list(node.statements)) {
        if (st?.kind !== 'phrasebook.message') continue;
        const key = textOf(st.key);
        const source = stringValue(st.text);
        // Unknown keys and messages that do not compile have their own rules.
        if (key === undefined || source === undefined || !keys.includes(key)) continue;
        if (compileError(locale ?? 'en', source) !== undefined) continue;
        for (const problem of argumentProblems(key, source)) {
          out.push(
            finding(
              argumentRange(st.text, problem.use.offset, problem.use.length),
              `${problem.message}; the renderer drops this message.`,
              uri,
              {
                key,
                argument: problem.use.name,
                problem: problem.kind,
              },
            ),
          );
        }
      }
    }
    return out;
  },
});

/** The argument's name inside the string literal when it has no escapes (else the whole string). */
function argumentRange(
  text: { readonly range?: unknown; readonly raw?: unknown; readonly value?: unknown } | undefined,
  offset: number,
  length: number,
): Range {
  const whole = rangeOf(text);
  const plain = typeof text?.raw === 'string' && typeof text.value === 'string' && text.raw === `"${text.value}"`;
  return plain && whole.start.line === whole.end.line ? subRange(whole, offset + 1, length) : whole;
}
