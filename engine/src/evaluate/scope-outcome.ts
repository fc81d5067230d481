/**
 * The policy's answer for one requested scope: which pieces of it the matched app classes allow
 * (requested ∩ allowed − denied), or why it is dropped.
 */
import type { BundleGrant, SourceSpan } from '../compile/bundle-types.js';
import type { ResourceScope, Scope } from '../smart/scope-types.js';
import type { Grant } from '../smart/scope-grant.js';
import { grantCovers, grantsOverlap, withResourceType } from '../smart/scope-grant.js';
import { R4_RESOURCE_TYPES } from '../fhir/resource-types.js';
import type { RequestFacts } from './compile-condition.js';
import { candidateRules, type AnswerCache, type IndexedApp, type IndexedRule } from './evaluator-index.js';
import { setOf } from './scope-sets.js';
import { scopeKey, scopeRole } from './scope-key.js';
import { meetGrants, type QueryConflictMode } from './query-meet.js';
import { minimalGrants, scopesOfGrants } from './minimal-grants.js';
import { unmetCondition } from './describe-condition.js';
import { BUILT_IN_RULES } from './built-in-rules.js';
import { countWork } from './work-counter.js';

/** One granted piece of a requested scope and the allow rules it came from. */
export interface Piece {
  readonly scope: Scope;
  readonly rules: readonly BundleGrant[];
}

/** Why a scope (or a piece of it) is not granted. */
export interface Drop {
  readonly rule: string;
  readonly reason: string;
  readonly span?: SourceSpan;
}

export interface PolicyAnswer {
  readonly pieces: Piece[];
  readonly drop?: Drop;
  /** Deny rules that cut letters out of the grant (reported with a narrowing). */
  readonly cutBy: readonly BundleGrant[];
  /** A deny reached only part of a piece (a narrower type or query), so more than it was removed or the piece was split per type. */
  readonly partialDeny: boolean;
  /** Allow rules whose query conflicts with the request's (nothing given under `scopes.query_conflict drop`). */
  readonly conflicts?: readonly BundleGrant[];
}

function noAllow(apps: readonly IndexedApp[], text: string): Drop {
  const names = apps.map((a) => a.app.name).join(', ');
  return { rule: 'policy.no-allow', reason: `no grant of app class ${names} allows ${text}` };
}

function denyDrop(rule: BundleGrant): Drop {
  return {
    rule: rule.id,
    reason: rule.reason !== undefined ? `denied: ${rule.reason}` : `denied by ${rule.id} (${rule.scope})`,
    span: rule.span,
  };
}

/**
 * requested ∩ allowed − denied for a resource scope: the union of what every applicable allow
 * rule gives of the request (see `meetGrants`: by default never a conjunction of queries),
 * minus every applicable deny rule, in minimal form. Near-linear in the number of rules (issue
 * 11): each rule is met with the request once, denies are looked up by bucket, and the
 * minimal form only compares grants that can cover each other.
 */
export function answerResourceScope(
  apps: readonly IndexedApp[],
  facts: RequestFacts,
  scope: ResourceScope,
  text: string,
  cache?: AnswerCache,
  mode: QueryConflictMode = 'drop',
): PolicyAnswer {
  const fast = fastAnswer(apps, facts, scope);
  if (fast !== null) return fast;
  if (cache === undefined) return algebraAnswer(apps, facts, scope, text, mode);
  const key = `${apps.map((a) => a.app.name).join(',')}\u0000${facts.launch.join(',')}|${facts.user.join(',')}|${facts.client.join(',')}|${facts.grant.join(',')}|${facts.bound.join(',')}\u0000${text}`;
  const hit = cache.get<PolicyAnswer>(key);
  if (hit !== undefined) return hit;
  const answer = algebraAnswer(apps, facts, scope, text, mode);
  cache.set(key, answer);
  return answer;
}

/** A granted grant and the allow rules that gave exactly it (a set: thousands of rules may give the same grant). */
interface Part {
  readonly grant: Grant;
  readonly rules: Set<BundleGrant>;
}

function addPart(parts: Map<string, Part>, grant: Grant, rules: Iterable<BundleGrant>): void {
  const part = parts.get(grant.key);
  if (part === undefined) parts.set(grant.key, { grant, rules: new Set(rules) });
  else for (const r of rules) part.rules.add(r);
}

function overlapsAny(requested: readonly Grant[], grants: readonly Grant[]): boolean {
  return grants.some((g) => requested.some((q) => grantsOverlap(q, g)));
}

/** Up to three rule ids, then a count: messages stay short on large policies. */
function ruleList(rules: readonly BundleGrant[]): string {
  const ids = rules
    .slice(0, 3)
    .map((r) => r.id)
    .join(', ');
  return rules.length > 3 ? `${ids} and ${rules.length - 3} more` : ids;
}

function algebraAnswer(
  apps: readonly IndexedApp[],
  facts: RequestFacts,
  scope: ResourceScope,
  text: string,
  mode: QueryConflictMode,
): PolicyAnswer {
  const requested = setOf(scope).grants;
  const parts = new Map<string, Part>();
  const conflicts: BundleGrant[] = [];
  let unmet: IndexedRule | undefined;
  for (const app of apps) {
    for (const r of candidateRules(app.allow, scope)) {
      countWork();
      const allowed = setOf(r.scope).grants;
      if (!r.when(facts)) {
        if (unmet === undefined && overlapsAny(requested, allowed)) unmet = r;
        continue;
      }
      let gave = false;
      let conflict = false;
      for (const a of allowed) {
        for (const q of requested) {
          if (!grantsOverlap(q, a)) continue;
          const part = meetGrants(q, a, mode);
          if (part === null) conflict = true;
          else {
            addPart(parts, part, [r.rule]);
            gave = true;
          }
        }
      }
      if (conflict && !gave) conflicts.push(r.rule);
    }
  }
  if (parts.size === 0) {
    // Nothing allows it; when a deny covers it too, name the deny: its reason says more.
    const requestedSet = setOf(scope);
    for (const app of apps) {
      for (const d of candidateRules(app.deny, scope)) {
        if (d.when(facts) && setOf(d.scope).covers(requestedSet))
          return { pieces: [], drop: denyDrop(d.rule), cutBy: [d.rule], partialDeny: false };
      }
    }
    if (conflicts.length > 0) return { pieces: [], drop: conflictDrop(conflicts), cutBy: [], partialDeny: false, conflicts };
    if (unmet !== undefined) return { pieces: [], drop: unmetDrop(unmet, facts), cutBy: [], partialDeny: false };
    return { pieces: [], drop: noAllow(apps, text), cutBy: [], partialDeny: false };
  }

  // Denies: a grant on a type (or `*`) a deny reaches is removed whole; a `*` grant reached only
  // on specific types is split per R4 type (the algebra's `difference`).
  const cutBy: BundleGrant[] = [];
  const denied = new Map<string, Grant[]>();
  for (const app of apps) {
    for (const d of candidateRules(app.deny, scope)) {
      countWork();
      if (!d.when(facts)) continue;
      const grants = setOf(d.scope).grants;
      // A deny that overlaps the request is part of why the grant is narrower, and is named
      // even when the allows already left its letters out.
      if (!overlapsAny(requested, grants)) continue;
      cutBy.push(d.rule);
      for (const g of grants) {
        const key = `${g.level}|${g.letter}|${g.resourceType}`;
        const list = denied.get(key);
        if (list === undefined) denied.set(key, [g]);
        else list.push(g);
      }
    }
  }
  let partialDeny = false;
  let kept = parts;
  if (denied.size > 0) {
    kept = new Map();
    for (const part of parts.values()) {
      const g = part.grant;
      const onType = g.resourceType === '*' ? undefined : denied.get(`${g.level}|${g.letter}|${g.resourceType}`);
      const onAll = denied.get(`${g.level}|${g.letter}|*`);
      if (onType !== undefined || onAll !== undefined) {
        // Removed whole; "partial" when no deny reaching it covers it (checked until the first such piece).
        if (!partialDeny) {
          const covered = (list: readonly Grant[] | undefined) =>
            list?.some((d) => {
              countWork();
              return grantCovers(d, g);
            });
          partialDeny = !covered(onType) && !covered(onAll);
        }
        continue;
      }
      if (g.resourceType !== '*') {
        addPart(kept, g, part.rules);
        continue;
      }
      const prefix = `${g.level}|${g.letter}|`;
      const excluded = new Set<string>();
      for (const key of denied.keys()) if (key.startsWith(prefix)) excluded.add(key.slice(prefix.length));
      if (excluded.size === 0) {
        addPart(kept, g, part.rules);
        continue;
      }
      partialDeny = true;
      for (const type of R4_RESOURCE_TYPES) if (!excluded.has(type)) addPart(kept, withResourceType(g, type), part.rules);
    }
  }
  const first = cutBy[0];
  if (kept.size === 0) {
    return { pieces: [], drop: first !== undefined ? denyDrop(first) : noAllow(apps, text), cutBy, partialDeny };
  }

  const rulesOf = new Map<Grant, ReadonlySet<BundleGrant>>();
  for (const part of kept.values()) rulesOf.set(part.grant, part.rules);
  const pieces = scopesOfGrants(minimalGrants([...rulesOf.keys()])).map(({ scope: piece, grants }) => {
    // Name the rules that gave the whole piece; when it took several together, all that gave a part.
    const sets = grants.map((g) => rulesOf.get(g) ?? new Set<BundleGrant>());
    const [head = new Set<BundleGrant>(), ...rest] = sets;
    const whole = [...head].filter((r) => rest.every((l) => l.has(r)));
    return { scope: piece, rules: whole.length > 0 ? whole : unique(sets.flatMap((l) => [...l])) };
  });
  return { pieces, cutBy, partialDeny, ...(conflicts.length > 0 ? { conflicts } : {}) };
}

function conflictDrop(conflicts: readonly BundleGrant[]): Drop {
  const first = conflicts[0];
  return {
    rule: BUILT_IN_RULES.queryConflict,
    reason:
      `the requested query restriction conflicts with what the policy allows for this type (${ruleList(conflicts)}): ` +
      'the only overlap would combine values the request did not ask for, which the policy does not grant ' +
      '(option scopes.query_conflict conjunction grants it)',
    ...(first !== undefined ? { span: first.span } : {}),
  };
}

function unmetDrop(rule: IndexedRule, facts: RequestFacts): Drop {
  const unmet = unmetCondition(rule.rule.when, facts) ?? 'a condition';
  return {
    rule: 'policy.no-allow',
    reason: `the allow rule ${rule.rule.id} needs ${unmet}, which this request lacks`,
    span: rule.rule.span,
  };
}

/** True when every letter of `inner` is in `outer`. */
function lettersWithin(inner: string, outer: string): boolean {
  for (const l of inner) if (!outer.includes(l)) return false;
  return true;
}

function sharesLetter(a: string, b: string): boolean {
  for (const l of a) if (b.includes(l)) return true;
  return false;
}

/**
 * The common case without set algebra: an unrestricted allow rule of the same type (or `*`)
 * holds every requested letter, and no applicable deny shares a letter with the request. The
 * answer is then the requested scope itself. Returns null when the algebra is needed.
 */
function fastAnswer(apps: readonly IndexedApp[], facts: RequestFacts, scope: ResourceScope): PolicyAnswer | null {
  for (const app of apps) {
    for (const d of candidateRules(app.deny, scope)) {
      if (sharesLetter(d.scope.permissions, scope.permissions) && d.when(facts)) return null;
    }
  }
  const rules: BundleGrant[] = [];
  for (const app of apps) {
    for (const r of candidateRules(app.allow, scope)) {
      const a = r.scope;
      if (
        a.query.length === 0 &&
        (a.resourceType === '*' || a.resourceType === scope.resourceType) &&
        lettersWithin(scope.permissions, a.permissions) &&
        r.when(facts)
      ) {
        rules.push(r.rule);
      }
    }
  }
  if (rules.length === 0) return null;
  return { pieces: [{ scope, rules }], cutBy: [], partialDeny: false };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Launch, identity, refresh, extension and registration scopes: an allow rule for the same scope, and no deny. */
export function answerOtherScope(apps: readonly IndexedApp[], facts: RequestFacts, scope: Scope, text: string): PolicyAnswer {
  const key = scopeKey(scope);
  const role = scopeRole(scope);
  for (const app of apps) {
    const denies = app.denyOther.get(key);
    if (denies === undefined) continue;
    for (const d of denies) {
      if (roleFits(d.scope, role) && d.when(facts)) return { pieces: [], drop: denyDrop(d.rule), cutBy: [d.rule], partialDeny: false };
    }
  }
  let rules: BundleGrant[] | undefined;
  let unmet: IndexedRule | undefined;
  for (const app of apps) {
    const allows = app.allowOther.get(key);
    if (allows === undefined) continue;
    for (const a of allows) {
      if (!roleFits(a.scope, role)) continue;
      if (a.when(facts)) (rules ??= []).push(a.rule);
      else unmet ??= a;
    }
  }
  if (rules === undefined)
    return { pieces: [], drop: unmet !== undefined ? unmetDrop(unmet, facts) : noAllow(apps, text), cutBy: [], partialDeny: false };
  return { pieces: [{ scope, rules }], cutBy: NO_GRANTS, partialDeny: false };
}

const NO_GRANTS: readonly BundleGrant[] = [];

/** A rule for `launch/<type>` without a role covers every role; with a role, only that one. */
function roleFits(ruleScope: Scope, role: string | null): boolean {
  const ruleRole = scopeRole(ruleScope);
  return ruleRole === null || ruleRole === role;
}
