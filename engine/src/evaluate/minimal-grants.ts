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
import { bySpecificity, compareStrings, grantCovers, queryPairsOf } from '../smart/scope-grant.js';
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

interface Index {
  readonly buckets: Map<string, Bucket>;
  /** How many grants name each atom: lookups use a conjunct's rarest value. */
  readonly frequency: Map<string, number>;
}

/**
 * Indexes each grant under the atoms of ONE of its conjuncts, the one whose atoms are rarest:
 * a grant that helps cover another accepts one of the other's values on every conjunct it has,
 * so one conjunct suffices to find it, and the rarest keeps the lists short.
 */
function buildIndex(grants: readonly Grant[]): Index {
  const frequency = new Map<string, number>();
  for (const g of grants)
    for (const c of g.constraints) for (const v of c.values) frequency.set(atomOf(c.name, v), (frequency.get(atomOf(c.name, v)) ?? 0) + 1);
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
  return { buckets, frequency };
}

/** Above this many value combinations the union check answers "not covered" (as `coveredByCandidates`). */
const MAX_COMBINATIONS = 4_096;

/**
 * At most this many entries of one atom list are examined per lookup. Beyond it the answer is
 * "not covered", which can only keep a redundant grant (the same permissions, less compact),
 * never grant more; it keeps hostile policies (thousands of rules sharing every value) linear.
 */
const MAX_SCAN = 64;

function* firstEntries(list: readonly Grant[] | undefined): Iterable<Grant> {
  if (list === undefined) return;
  const end = Math.min(list.length, MAX_SCAN);
  for (let i = 0; i < end; i++) yield list[i] as Grant;
}

function bucketsFor(target: Grant, index: Index): Bucket[] {
  const types = target.resourceType === '*' ? ['*'] : [target.resourceType, '*'];
  const found: Bucket[] = [];
  for (const type of types) {
    const bucket = index.buckets.get(bucketOf(target.level, target.letter, type));
    if (bucket !== undefined) found.push(bucket);
  }
  return found;
}

/** A grant holds for a combination of atoms when each of its conjuncts accepts one of them. */
function matchesAtoms(grant: Grant, atoms: ReadonlySet<string>): boolean {
  return grant.constraints.every((c) => c.values.some((v) => atoms.has(atomOf(c.name, v))));
}

/**
 * Whether the kept grants (other than `target`) cover `target`, alone or together: the answer
 * of `coveredByCandidates` over the bucket, found through the atom index. A single grant that
 * covers `target` accepts every value of one of its conjuncts, so it is listed under that
 * conjunct's rarest value; a grant that covers one combination of values is listed under one of
 * the combination's atoms. Lists are scanned until the first fit (at most `MAX_SCAN` entries).
 */
function coveredByKept(target: Grant, index: Index, kept: ReadonlySet<Grant>): boolean {
  const buckets = bucketsFor(target, index);
  for (const bucket of buckets) {
    countWork();
    for (const g of firstEntries(bucket.unrestricted)) if (g !== target && kept.has(g)) return true;
  }
  if (target.constraints.length === 0) return false;
  for (const c of target.constraints) {
    let rarest = c.values[0] ?? '';
    for (const v of c.values)
      if ((index.frequency.get(atomOf(c.name, v)) ?? 0) < (index.frequency.get(atomOf(c.name, rarest)) ?? 0)) rarest = v;
    for (const bucket of buckets) {
      for (const g of firstEntries(bucket.byAtom.get(atomOf(c.name, rarest)))) {
        countWork();
        if (g !== target && kept.has(g) && grantCovers(g, target)) return true;
      }
    }
  }
  let combinations = 1;
  for (const c of target.constraints) {
    combinations *= c.values.length;
    if (combinations > MAX_COMBINATIONS) return false;
  }
  if (combinations === 1) return false; // a single combination is the grant itself, checked above
  const position = target.constraints.map(() => 0);
  for (;;) {
    const atoms = new Set(target.constraints.map((c, k) => atomOf(c.name, c.values[position[k] ?? 0] ?? '')));
    let found = false;
    search: for (const atom of atoms) {
      for (const bucket of buckets) {
        for (const g of firstEntries(bucket.byAtom.get(atom))) {
          countWork();
          if (g !== target && kept.has(g) && matchesAtoms(g, atoms)) {
            found = true;
            break search;
          }
        }
      }
    }
    if (!found) return false;
    let k = target.constraints.length - 1;
    while (k >= 0) {
      const next = (position[k] ?? 0) + 1;
      if (next < (target.constraints[k]?.values.length ?? 0)) {
        position[k] = next;
        break;
      }
      position[k] = 0;
      k--;
    }
    if (k < 0) return true;
  }
}

/** `grants` without those the rest covers (alone or together), narrowest removed first (as `ScopeSet.minimal`). */
export function minimalGrants(grants: readonly Grant[]): Grant[] {
  const unique = [...new Map(grants.map((g) => [g.key, g])).values()];
  if (unique.length <= 1) return unique;
  const ordered = unique.sort(bySpecificity);
  const index = buildIndex(ordered);
  const kept = new Set<Grant>(ordered);
  for (const grant of ordered) {
    if (coveredByKept(grant, index, kept)) kept.delete(grant);
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
      permissions: 'cruds'
        .split('')
        .filter((l) => letters.has(l as PermissionLetter))
        .join(''),
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
