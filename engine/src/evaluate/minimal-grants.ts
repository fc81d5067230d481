/**
 * The minimal form of a decision's granted grants, near-linear in their number (issue 11).
 * `ScopeSet.minimal()` compares every grant with every other grant of its (level, letter, type)
 * bucket, which is quadratic when a policy has thousands of query-restricted rules on one type.
 * Here a grant is only compared with the grants that could cover it, alone or together: those
 * on its type or `*` that are unrestricted, or whose query shares a `name=value` atom with it
 * (a grant that covers a combination of values must accept one of its values on every
 * parameter it restricts). The answer is the same as `ScopeSet.minimal()`'s.
 */
import type { PermissionLetter, ResourceScope } from '../smart/scope-types.js';
import type { Grant } from '../smart/scope-grant.js';
import { compareStrings, queryPairsOf } from '../smart/scope-grant.js';
import { coveredByCandidates } from '../smart/grant-coverage.js';
import { isExperimentalName } from '../smart/parse-resource-scope.js';
import { formatScope } from '../smart/format-scope.js';
import { countWork } from './work-counter.js';

function bucketOf(level: string, letter: string, type: string): string {
  return `${level}|${letter}|${type}`;
}

function atomOf(name: string, value: string): string {
  return `${name}\u0000${value}`;
}

interface Bucket {
  readonly unrestricted: Grant[];
  readonly byAtom: Map<string, Grant[]>;
}

/** Narrow grants first: specific types, more conjuncts, fewer alternatives; then by key (as `ScopeSet.minimal`). */
function bySpecificity(a: Grant, b: Grant): number {
  const wildcard = Number(a.resourceType === '*') - Number(b.resourceType === '*');
  if (wildcard !== 0) return wildcard;
  const conjuncts = b.constraints.length - a.constraints.length;
  if (conjuncts !== 0) return conjuncts;
  const alternatives = valueCount(a) - valueCount(b);
  if (alternatives !== 0) return alternatives;
  return compareStrings(a.key, b.key);
}

function valueCount(grant: Grant): number {
  let n = 0;
  for (const c of grant.constraints) n += c.values.length;
  return n;
}

/**
 * Indexes each grant under the atoms of ONE of its conjuncts, the one whose atoms are rarest:
 * any grant that helps cover another accepts one of the other's values on every conjunct, so
 * one conjunct suffices to find it, and the rarest keeps the lists short.
 */
function buildBuckets(grants: readonly Grant[]): Map<string, Bucket> {
  const frequency = new Map<string, number>();
  for (const g of grants) for (const c of g.constraints) for (const v of c.values) frequency.set(atomOf(c.name, v), (frequency.get(atomOf(c.name, v)) ?? 0) + 1);
  const buckets = new Map<string, Bucket>();
  for (const g of grants) {
    const key = bucketOf(g.level, g.letter, g.resourceType);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { unrestricted: [], byAtom: new Map() };
      buckets.set(key, bucket);
    }
    if (g.constraints.length === 0) {
      bucket.unrestricted.push(g);
      continue;
    }
    let best = g.constraints[0];
    let bestCost = Infinity;
    for (const c of g.constraints) {
      let cost = 0;
      for (const v of c.values) cost += frequency.get(atomOf(c.name, v)) ?? 0;
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    for (const v of best?.values ?? []) {
      const atom = atomOf(best?.name ?? '', v);
      const list = bucket.byAtom.get(atom);
      if (list === undefined) bucket.byAtom.set(atom, [g]);
      else list.push(g);
    }
  }
  return buckets;
}

/** The grants of `buckets` that could cover `target` (alone or with others), still kept. */
function candidatesFor(target: Grant, buckets: Map<string, Bucket>, kept: ReadonlySet<Grant>): Grant[] {
  const types = target.resourceType === '*' ? ['*'] : [target.resourceType, '*'];
  const found = new Set<Grant>();
  for (const type of types) {
    const bucket = buckets.get(bucketOf(target.level, target.letter, type));
    if (bucket === undefined) continue;
    for (const g of bucket.unrestricted) if (kept.has(g)) found.add(g);
    for (const c of target.constraints) {
      for (const v of c.values) {
        for (const g of bucket.byAtom.get(atomOf(c.name, v)) ?? []) if (kept.has(g)) found.add(g);
      }
    }
  }
  countWork(found.size + 1);
  return [...found];
}

/** `grants` without those the rest covers (alone or together), narrowest removed first. */
export function minimalGrants(grants: readonly Grant[]): Grant[] {
  const unique = [...new Map(grants.map((g) => [g.key, g])).values()];
  if (unique.length <= 1) return unique;
  const ordered = unique.sort(bySpecificity);
  const buckets = buildBuckets(ordered);
  const kept = new Set<Grant>(ordered);
  for (const grant of ordered) {
    kept.delete(grant);
    if (!coveredByCandidates(grant, candidatesFor(grant, buckets, kept))) kept.add(grant);
  }
  return ordered.filter((g) => kept.has(g));
}

/** Letters merged per (level, type, query) into scopes, in canonical order (as `ScopeSet.toScopes`). */
export function scopesOfGrants(grants: readonly Grant[]): { scope: ResourceScope; grants: Grant[] }[] {
  const groups = new Map<string, { first: Grant; grants: Grant[]; letters: Set<PermissionLetter> }>();
  for (const g of grants) {
    const key = `${g.level}/${g.resourceType}?${g.queryKey}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { first: g, grants: [], letters: new Set() };
      groups.set(key, group);
    }
    group.grants.push(g);
    group.letters.add(g.letter);
  }
  const out = [...groups.values()].map(({ first, grants: members, letters }) => {
    const query = queryPairsOf(first);
    const scope: ResourceScope = Object.freeze({
      type: 'resource',
      level: first.level,
      resourceType: first.resourceType,
      permissions: 'cruds'.split('').filter((l) => letters.has(l as PermissionLetter)).join(''),
      syntax: 'v2',
      query: Object.freeze(query),
      experimental: query.some((p) => isExperimentalName(p.name)),
    });
    return { scope, grants: members };
  });
  return out.sort((a, b) => compareResource(a.scope, b.scope));
}

const LEVEL_ORDER: Readonly<Record<string, number>> = { patient: 0, user: 1, system: 2 };

/** Resource scopes by level, `*` first, type, then canonical text (as `ScopeSet`'s order). */
function compareResource(a: ResourceScope, b: ResourceScope): number {
  const level = (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3);
  if (level !== 0) return level;
  const wildcard = Number(b.resourceType === '*') - Number(a.resourceType === '*');
  if (wildcard !== 0) return wildcard;
  const type = compareStrings(a.resourceType, b.resourceType);
  if (type !== 0) return type;
  return compareStrings(formatScope(a), formatScope(b));
}
