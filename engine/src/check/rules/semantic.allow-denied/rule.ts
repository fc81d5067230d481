import { defineRule } from '../../define-rule.js';
import type { RuleFinding } from '../../rule-types.js';
import type { GrantScope } from '../../rule-context.js';
import { finding } from '../../model/finding.js';
import { conditionKey } from '../../model/condition-key.js';
import { covers } from '../../../smart/scope-set.js';
import type { Scope } from '../../../smart/scope-types.js';

// A cheap necessary condition for covers(), so the algebra only runs on plausible pairs
// (policies with thousands of grants stay linear-ish).
function mayCover(deny: Scope, allow: Scope): boolean {
  if (deny.type !== allow.type) return false;
  if (deny.type !== 'resource' || allow.type !== 'resource') return true;
  if (deny.level !== allow.level) return false;
  if (deny.resourceType !== '*' && deny.resourceType !== allow.resourceType) return false;
  for (const letter of allow.permissions) if (!deny.permissions.includes(letter)) return false;
  return true;
}

/**
 * Deny wins over allow, so an allowed scope that a deny of the same app class fully covers —
 * the same scope, or a broader one by the scope algebra (`deny patient/*.cud` covers
 * `allow patient/Observation.c`) — grants nothing. Only unconditional denies, or denies with the
 * very same condition, are compared: a conditional deny may leave the allow reachable.
 */
export const allowDenied = defineRule({
  code: 'semantic.allow-denied',
  name: 'allow-denied',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'An allowed scope is fully covered by a deny of the same app class; deny wins, so the allow grants nothing.',
  check(context) {
    const out: RuleFinding[] = [];
    const denies = new Map<string, GrantScope[]>();
    for (const gs of context.grantScopes) {
      if (gs.effect !== 'deny' || gs.app === undefined || !gs.info.parsed.ok) continue;
      const list = denies.get(gs.app) ?? [];
      list.push(gs);
      denies.set(gs.app, list);
    }
    for (const allow of context.grantScopes) {
      if (allow.effect !== 'allow' || allow.app === undefined || !allow.info.parsed.ok) continue;
      const allowKey = conditionKey(allow.rule.condition);
      for (const deny of denies.get(allow.app) ?? []) {
        if (!deny.info.parsed.ok || !mayCover(deny.info.parsed.scope, allow.info.parsed.scope)) continue;
        const denyKey = conditionKey(deny.rule.condition);
        if (denyKey !== '' && denyKey !== allowKey) continue;
        if (!covers(deny.info.parsed.scope, allow.info.parsed.scope)) continue;
        const same = deny.info.text === allow.info.text;
        out.push(
          finding(
            allow.info.textRange,
            `"${allow.info.text}" is ${same ? 'also denied' : `fully covered by "deny ${deny.info.text}"`} on line ${deny.info.textRange.start.line}; deny wins, so this allow grants nothing. Remove the allow, or narrow the deny.`,
            allow.uri,
            { scope: allow.info.text, deniedBy: deny.info.text, denyLine: deny.info.textRange.start.line, remove: true },
          ),
        );
        break;
      }
    }
    return out;
  },
});
