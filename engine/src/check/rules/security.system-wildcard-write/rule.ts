import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';

/**
 * `system/*.cruds` (v1 `system/*.*`, `system/*.write`) lets a backend client with no user in the
 * loop create, change and delete any record of any type, now and later. Read-only bulk access
 * (`system/*.rs`) is the usual need; writes should name their types (`system/Encounter.cud`).
 */
export const systemWildcardWrite = defineRule({
  code: 'security.system-wildcard-write',
  name: 'system-wildcard-write',
  category: 'security',
  defaultSeverity: 'warning',
  summary: 'A system/* scope with write letters lets a backend client change or delete any record of any type without a user in the loop.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'allow' || !gs.info.parsed.ok) continue;
      const s = gs.info.parsed.scope;
      if (s.type !== 'resource' || s.level !== 'system' || s.resourceType !== '*' || !/[cud]/.test(s.permissions)) continue;
      const read = s.permissions.replace(/[cud]/g, '');
      const replacement = read === '' ? undefined : `system/*.${read}`;
      out.push(
        finding(
          gs.info.textRange,
          `"${gs.info.text}" lets backend clients${gs.app ? ` of "${gs.app}"` : ''} write every resource type; grant ${replacement ? `"${replacement}" for reading and ` : ''}write letters on the specific types they feed (e.g. system/Encounter.cud).`,
          gs.uri,
          {
            scope: gs.info.text,
            ...(replacement === undefined ? {} : { replacement }),
          },
        ),
      );
    }
    return out;
  },
});
