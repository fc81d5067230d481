import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { formatScope, toV2 } from '../../../smart/format-scope.js';

/**
 * v1 scopes (`.read`, `.write`, `.*`) in a policy mean their v2 letters (SMART App Launch, Scopes and Launch Context: SMART v1 scopes); writing the letters
 * makes the policy say exactly what it grants (`.write` is `.cud`, without read). Whether v1
 * requests are accepted is a separate option (`scopes.v1`).
 */
export const preferV2Scope = defineRule({
  code: 'style.prefer-v2-scope',
  name: 'prefer-v2-scope',
  category: 'style',
  defaultSeverity: 'hint',
  summary: 'A grant uses SMART v1 scope syntax; the v2 letters say exactly what is granted (.write is .cud, without read).',
  check(context) {
    const out: RuleFinding[] = [];
    for (const gs of context.grantScopes) {
      if (!gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type !== 'resource' || s.syntax !== 'v1') continue;
      const replacement = formatScope(toV2(s));
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" is v1 syntax; write "${replacement}" (v1 requests are still accepted per the scopes.v1 option).`,
          gs.uri,
          { scope: gs.info.text, replacement },
        ),
      );
    }
    return out;
  },
});
