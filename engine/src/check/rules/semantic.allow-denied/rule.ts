import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import type { GrantScope } from '../../../model/rule-context.js';
import { finding } from '../../../model/finding.js';
import { conditionKey } from '../../model/condition-key.js';
import { covers } from '../../../smart/scope-set.js';
import type { Scope } from '../../../smart/scope-types.js';
import { DenyIndex } from '../../model/deny-index.js';

interface IndexedDeny {
  readonly gs: GrantScope;
  /** Source order: the first covering deny is the one reported. */
  readonly position: number;
  readonly conditionKey: string;
}

// A cheap necessary condition for covers(), so the algebra only runs on plausible pairs.
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
    // Denies per app class, indexed (a scan of every deny per allow was quadratic).
    const denies = new Map<string, DenyIndex<IndexedDeny>>();
    context.grantScopes.forEach((gs, position) => {
      if (gs.effect !== 'deny' || gs.app === undefined || !gs.info.parsed.ok) return;
      const index = denies.get(gs.app) ?? new DenyIndex<IndexedDeny>();
      index.add(gs.info.parsed.scope, { gs, position, conditionKey: conditionKey(gs.rule.condition) });
      denies.set(gs.app, index);
    });
    for (const allow of context.grantScopes) {
      if (allow.effect !== 'allow' || allow.app === undefined || !allow.info.parsed.ok) continue;
      const allowKey = conditionKey(allow.rule.condition);
      const candidates = denies.get(allow.app)?.candidates(allow.info.parsed.scope, (d) => d.position) ?? [];
      for (const { gs: deny, conditionKey: denyKey } of candidates) {
        if (!deny.info.parsed.ok || !mayCover(deny.info.parsed.scope, allow.info.parsed.scope)) continue;
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
