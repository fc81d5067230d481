import type { Grant, QueryConstraint } from './scope-grant.js';
import { grantCovers } from './scope-grant.js';

/**
 * Above this many value combinations the union check gives up and answers "not covered",
 * which is the safe answer for an authorization engine (it can only under-grant).
 */
const MAX_COMBINATIONS = 4_096;

/**
 * Whether the union of `grants` covers `target`.
 *
 * Model: every `name=value` atom is an independent fact about a resource (a resource may
 * have several categories). A conjunction of OR-lists is then the union of its "combinations"
 * (one value picked per conjunct), and a combination is covered by a union of grants exactly
 * when a single grant covers it. So `Observation.r?category=a` ∪ `Observation.r?category=b`
 * covers `Observation.r?category=a,b`. The answer is sound for real FHIR data (it never
 * claims coverage that a server's search could contradict); it may miss coverage that only
 * follows from value semantics the model does not know (date ranges, code hierarchies).
 */
export function coveredByGrants(target: Grant, grants: readonly Grant[]): boolean {
  return coveredByCandidates(
    target,
    grants.filter(
      (g) => g.level === target.level && g.letter === target.letter && (g.resourceType === '*' || g.resourceType === target.resourceType),
    ),
  );
}

/**
 * `coveredByGrants` when the caller has already narrowed the grants to `candidates`: same
 * level and letter as `target`, on its type or on `*` (see `GrantIndex.coverCandidates`).
 */
export function coveredByCandidates(target: Grant, candidates: readonly Grant[]): boolean {
  if (candidates.length === 0) return false;
  if (candidates.some((g) => grantCovers(g, target))) return true;
  if (candidates.length === 1) return false;

  const conjuncts = target.constraints;
  let combinations = 1;
  for (const c of conjuncts) {
    combinations *= c.values.length;
    if (combinations > MAX_COMBINATIONS) return false;
  }
  if (combinations === 1) return false; // a single combination is the grant itself, checked above
  return everyCombination(conjuncts, (atoms) => candidates.some((g) => grantMatchesAtoms(g, atoms)));
}

/** A combination: the set of `name\0value` atoms it asserts. */
type Atoms = ReadonlySet<string>;

function atom(name: string, value: string): string {
  return `${name}\u0000${value}`;
}

/** A grant holds for a combination when each of its conjuncts has one of its values asserted. */
function grantMatchesAtoms(grant: Grant, atoms: Atoms): boolean {
  return grant.constraints.every((c) => c.values.some((v) => atoms.has(atom(c.name, v))));
}

/** Enumerates the combinations (odometer order, no recursion) until `check` fails. */
function everyCombination(conjuncts: readonly QueryConstraint[], check: (atoms: Atoms) => boolean): boolean {
  const index = conjuncts.map(() => 0);
  for (;;) {
    const atoms = new Set<string>();
    for (const [k, c] of conjuncts.entries()) atoms.add(atom(c.name, c.values[index[k] ?? 0] ?? ''));
    if (!check(atoms)) return false;
    let k = conjuncts.length - 1;
    while (k >= 0) {
      const next = (index[k] ?? 0) + 1;
      if (next < (conjuncts[k]?.values.length ?? 0)) {
        index[k] = next;
        break;
      }
      index[k] = 0;
      k--;
    }
    if (k < 0) return true;
  }
}
