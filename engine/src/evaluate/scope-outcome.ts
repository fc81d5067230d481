/**
 * The policy's answer for one requested scope: which pieces of it the matched app classes allow
 * (requested ∩ allowed − denied), or why it is dropped.
 */
import type { BundleGrant, SourceSpan } from '../compile/bundle-types.js';
import type { ResourceScope, Scope } from '../smart/scope-types.js';
import type { RequestFacts } from './compile-condition.js';
import { candidateRules, type AnswerCache, type IndexedApp } from './evaluator-index.js';
import type { ScopeSet } from '../smart/scope-set.js';
import { overlaps, setOf } from './scope-sets.js';
import { scopeKey, scopeRole } from './scope-key.js';

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
  /** A deny touched only part of a piece's region, so its letters were removed from all of it. */
  readonly partialDeny: boolean;
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
 * requested ∩ allowed − denied for a resource scope, with the scope-set algebra: the union of
 * the requested scope's intersections with every applicable allow rule, minus every applicable
 * deny rule; pieces in the algebra's minimal canonical form.
 */
export function answerResourceScope(
  apps: readonly IndexedApp[],
  facts: RequestFacts,
  scope: ResourceScope,
  text: string,
  cache?: AnswerCache,
): PolicyAnswer {
  const fast = fastAnswer(apps, facts, scope);
  if (fast !== null) return fast;
  if (cache === undefined) return algebraAnswer(apps, facts, scope, text);
  const key = `${apps.map((a) => a.app.name).join(',')}\u0000${facts.launch.join(',')}|${facts.user.join(',')}|${facts.client.join(',')}|${facts.grant.join(',')}|${facts.bound.join(',')}\u0000${text}`;
  const hit = cache.get<PolicyAnswer>(key);
  if (hit !== undefined) return hit;
  const answer = algebraAnswer(apps, facts, scope, text);
  cache.set(key, answer);
  return answer;
}

function algebraAnswer(apps: readonly IndexedApp[], facts: RequestFacts, scope: ResourceScope, text: string): PolicyAnswer {
  const requested = setOf(scope);
  const allowParts: { set: ScopeSet; rule: BundleGrant }[] = [];
  let allowed: ScopeSet | null = null;
  for (const app of apps) {
    for (const r of candidateRules(app.allow, scope)) {
      if (!r.when(facts)) continue;
      const part = requested.intersection(setOf(r.scope));
      if (part.isEmpty) continue;
      allowParts.push({ set: part, rule: r.rule });
      allowed = allowed === null ? part : allowed.union(part);
    }
  }
  if (allowed === null) {
    // Nothing allows it; when a deny covers it too, name the deny: its reason says more.
    for (const app of apps) {
      for (const d of candidateRules(app.deny, scope)) {
        if (d.when(facts) && setOf(d.scope).covers(requested)) return { pieces: [], drop: denyDrop(d.rule), cutBy: [d.rule], partialDeny: false };
      }
    }
    return { pieces: [], drop: noAllow(apps, text), cutBy: [], partialDeny: false };
  }

  const cutBy: BundleGrant[] = [];
  let partialDeny = false;
  let result: ScopeSet = allowed;
  for (const app of apps) {
    for (const d of candidateRules(app.deny, scope)) {
      if (!d.when(facts)) continue;
      const denied = setOf(d.scope);
      // A deny that overlaps the request is part of why the grant is narrower, and is named
      // even when the allows already left its letters out.
      if (requested.intersection(denied).isEmpty) continue;
      cutBy.push(d.rule);
      const touched = result.intersection(denied);
      if (touched.isEmpty) continue;
      // The deny reaches only part of a region (a narrower type or query): what remains is
      // either split per R4 type or removed whole by the algebra.
      if (!denied.covers(touched)) partialDeny = true;
      result = result.difference(denied);
    }
  }
  const first = cutBy[0];
  if (result.isEmpty) {
    return { pieces: [], drop: first !== undefined ? denyDrop(first) : noAllow(apps, text), cutBy, partialDeny };
  }
  const pieces = result.toScopes().map((piece) => {
    // Name the rules that grant the piece alone; when it takes several together, all that touch it.
    const set = setOf(piece);
    const covering = allowParts.filter((p) => p.set.covers(set));
    const sources = covering.length > 0 ? covering : allowParts.filter((p) => overlaps(p.set, set));
    return { scope: piece, rules: unique(sources.map((p) => p.rule)) };
  });
  return { pieces, cutBy, partialDeny };
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
      if (a.query.length === 0 && (a.resourceType === '*' || a.resourceType === scope.resourceType) && lettersWithin(scope.permissions, a.permissions) && r.when(facts)) {
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
  for (const app of apps) {
    const allows = app.allowOther.get(key);
    if (allows === undefined) continue;
    for (const a of allows) if (roleFits(a.scope, role) && a.when(facts)) (rules ??= []).push(a.rule);
  }
  if (rules === undefined) return { pieces: [], drop: noAllow(apps, text), cutBy: [], partialDeny: false };
  return { pieces: [{ scope, rules }], cutBy: NO_GRANTS, partialDeny: false };
}

const NO_GRANTS: readonly BundleGrant[] = [];

/** A rule for `launch/<type>` without a role covers every role; with a role, only that one. */
function roleFits(ruleScope: Scope, role: string | null): boolean {
  const ruleRole = scopeRole(ruleScope);
  return ruleRole === null || ruleRole === role;
}
