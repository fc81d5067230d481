/**
 * The grant rules of a policy set that speak about a scope: `allow` rules whose scopes cover it
 * and `deny` rules whose scopes overlap it (a deny of any letter of it matters to a reviewer).
 * The rules' scopes are parsed once per linked set and bucketed by resource type, so a hover in
 * a set of thousands of rules reads only the rules of its type.
 */
import type { GrantRule } from '../language/ast.js';
import { parseScopeCached } from '../smart/index.js';
import type { Scope } from '../smart/scope-types.js';
import { list, textOf } from '../model/safe.js';
import type { LinkedSet } from './service-types.js';

export interface GrantRuleMatch {
  readonly app: string;
  readonly rule: GrantRule;
}

interface ParsedRule {
  readonly order: number;
  readonly app: string;
  readonly rule: GrantRule;
  readonly scopes: readonly Scope[];
}

/** Rules by bucket: a resource type, `*` (every type), or a scope kind for the other scopes. */
const buckets = new WeakMap<LinkedSet, Map<string, ParsedRule[]>>();

function bucketOf(scope: Scope): string {
  return scope.type === 'resource' ? `resource:${scope.resourceType}` : scope.type;
}

function rulesOf(set: LinkedSet): Map<string, ParsedRule[]> {
  let byBucket = buckets.get(set);
  if (byBucket) return byBucket;
  byBucket = new Map();
  let order = 0;
  for (const grant of set.index.grants) {
    const app = textOf(grant.node.app) ?? '';
    for (const rule of list(grant.node.rules)) {
      const scopes: Scope[] = [];
      for (const ref of list(rule.scopes)) {
        const parsed = parseScopeCached(ref.text);
        if (parsed.ok) scopes.push(parsed.scope);
      }
      const parsedRule = { order: order++, app, rule, scopes };
      for (const key of new Set(scopes.map(bucketOf))) {
        const bucket = byBucket.get(key) ?? [];
        bucket.push(parsedRule);
        byBucket.set(key, bucket);
      }
    }
  }
  buckets.set(set, byBucket);
  return byBucket;
}

/** Rules of every grant that allow (cover) or deny (overlap) `scope`, in source order. */
export function grantRulesMatching(set: LinkedSet, scope: Scope): GrantRuleMatch[] {
  const byBucket = rulesOf(set);
  const candidates =
    scope.type === 'resource'
      ? [...(byBucket.get(bucketOf(scope)) ?? []), ...(scope.resourceType === '*' ? [] : (byBucket.get('resource:*') ?? []))]
      : (byBucket.get(scope.type) ?? []);
  return candidates
    .filter((r) => r.scopes.some((s) => speaksAbout(s, scope, r.rule.effect)))
    .sort((a, b) => a.order - b.order)
    .map((r) => ({ app: r.app, rule: r.rule }));
}

function speaksAbout(p: Scope, scope: Scope, effect: 'allow' | 'deny'): boolean {
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
