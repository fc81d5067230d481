import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { conditionKey } from '../../model/condition-key.js';
import { formatScope } from '../../../smart/format-scope.js';

/** The same scope (same meaning, same condition) is allowed or denied once per app class. */
export const duplicateGrant = defineRule({
  code: 'semantic.duplicate-grant',
  name: 'duplicate-grant',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'The same scope is allowed (or denied) twice for one app class under the same condition; the second rule adds nothing and makes reviews harder.',
  check(context) {
    const out: RuleFinding[] = [];
    const seen = new Map<string, { line: number; uri: string | undefined }>();
    for (const gs of context.grantScopes) {
      if (gs.app === undefined) continue;
      const canonical = gs.info.parsed.ok ? formatScope(gs.info.parsed.scope) : gs.info.text;
      const key = `${gs.app}\u0000${gs.effect}\u0000${canonical}\u0000${conditionKey(gs.rule.condition)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { line: gs.info.textRange.start.line, uri: gs.uri });
        continue;
      }
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" is already ${gs.effect === 'allow' ? 'allowed' : 'denied'} for app class "${gs.app}" on line ${first.line}${first.uri && first.uri !== gs.uri ? ` of ${first.uri}` : ''}; remove this one.`,
          gs.uri,
          {
            scope: gs.info.text,
            app: gs.app,
            first,
            remove: true,
          },
        ),
      );
    }
    return out;
  },
});
