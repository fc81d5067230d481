/**
 * The grant rules of a policy set that speak about a scope: `allow` rules whose scopes cover it
 * and `deny` rules whose scopes overlap it (a deny of any letter of it matters to a reviewer).
 */
import type { GrantRule } from '../language/ast.js';
import { parseScopeCached } from '../smart/index.js';
import type { Scope } from '../smart/scope-types.js';
import { list, textOf } from '../check/model/safe.js';
import type { LinkedSet } from './service-types.js';

export interface GrantRuleMatch {
  readonly app: string;
  readonly rule: GrantRule;
}

/** Rules of every grant that allow (cover) or deny (overlap) `scope`, in source order. */
export function grantRulesMatching(set: LinkedSet, scope: Scope): GrantRuleMatch[] {
  const out: GrantRuleMatch[] = [];
  for (const grant of set.index.grants) {
    for (const rule of list(grant.node.rules)) {
      if (list(rule.scopes).some((s) => speaksAbout(s.text, scope, rule.effect))) out.push({ app: textOf(grant.node.app) ?? '', rule });
    }
  }
  return out;
}

function speaksAbout(pattern: string, scope: Scope, effect: 'allow' | 'deny'): boolean {
  const parsed = parseScopeCached(pattern);
  if (!parsed.ok) return false;
  const p = parsed.scope;
  if (p.type !== scope.type) return false;
  if (p.type !== 'resource' || scope.type !== 'resource') return JSON.stringify(p) === JSON.stringify(scope);
  if (p.level !== scope.level) return false;
  if (p.resourceType !== '*' && p.resourceType !== scope.resourceType) return false;
  const letters = [...scope.permissions];
  const matches = effect === 'allow' ? letters.every((l) => p.permissions.includes(l)) : letters.some((l) => p.permissions.includes(l));
  if (!matches) return false;
  // A query-restricted allow covers only the same restriction; a restricted deny still overlaps.
  return effect === 'deny' || p.query.length === 0 || JSON.stringify(p.query) === JSON.stringify(scope.query);
}
