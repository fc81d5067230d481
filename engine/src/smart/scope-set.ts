import type { PermissionLetter, ResourceScope, Scope, ScopeError, ScopeLevel } from './scope-types.js';
import { R4_RESOURCE_TYPES } from '../fhir/resource-types.js';
import { parseScopeList } from './parse-scope-list.js';
import { formatScope, v1WordFor } from './format-scope.js';
import { isExperimentalName } from './parse-resource-scope.js';
import type { Grant } from './scope-grant.js';
import { bySpecificity, compareStrings, grantsOfScope, intersectGrants, queryPairsOf, withResourceType } from './scope-grant.js';
import { coveredByCandidates } from './grant-coverage.js';
import { GrantIndex } from './grant-index.js';
import { appendAll } from '../util/append-all.js';

/** Thrown by `ScopeSet.of` for scope text that does not parse; carries the parser's errors. */
export class ScopeSyntaxError extends Error {
  constructor(readonly errors: readonly ScopeError[]) {
    super(`invalid scope: ${errors.map((e) => `${e.message} [${e.code} at ${e.offset}]`).join('; ')}`);
    this.name = 'ScopeSyntaxError';
  }
}

/** Options for writing a set out as scope strings. */
export interface ScopeStringOptions {
  /**
   * `v2` (default): letters. `v1`: the v1 word where v1 can say it (`rs` → `read`, `cud` →
   * `write`, `cruds` → `*`, no query), letters otherwise — for echoing v1 requests (rule 16).
   */
  readonly syntax?: 'v1' | 'v2';
}

const LEVEL_ORDER: Readonly<Record<ScopeLevel, number>> = { patient: 0, user: 1, system: 2 };
/** `openid fhirUser profile`, the order in which the IG writes them. */
const IDENTITY_ORDER: Readonly<Record<'openid' | 'fhirUser' | 'profile', number>> = { openid: 0, fhirUser: 1, profile: 2 };
const KIND_ORDER: Readonly<Record<Scope['type'], number>> = {
  launch: 0,
  'launch-context': 1,
  identity: 2,
  refresh: 3,
  resource: 4,
  registration: 5,
  extension: 6,
};

/**
 * An immutable set of SMART scopes, read as the set of permissions they grant (SMART App Launch, Scopes and Launch Context: "Scope Equivalence",
 * rule 15).
 *
 * Semantics:
 * - Resource scopes are decomposed into grants `(level, type-or-*, letter, query)`; a set grants
 *   the union of its grants. `X.rs` ≡ `X.r X.s`; v1 scopes mean their v2 letters.
 * - Levels are distinct: `user/` never covers `patient/` or `system/`.
 * - `*` covers every type, including types a server adds later, so a `*` grant is covered only
 *   by a `*` grant (never by a list of today's R4 types).
 * - A query is a conjunction (FHIR `&` = AND) of parameters; a comma in a value means OR
 *   (`category=a,b`). Fewer conjuncts and more alternatives are broader. Pair order does not
 *   matter. Parameters are compared by name as written (`code` and `code:in` are unrelated);
 *   values are compared as strings (no percent-decoding, no code-system reasoning), which can
 *   only make coverage answers more conservative, never wrong in the granting direction.
 * - Non-resource scopes (launch, launch context, identity, refresh, extension, registration) are
 *   plain elements compared by their canonical string.
 */
export class ScopeSet {
  /** The empty set. */
  static readonly EMPTY = new ScopeSet([], new Map());

  readonly #grants: readonly Grant[];
  readonly #others: ReadonlyMap<string, Scope>;
  #minimal: ScopeSet | undefined;
  #index: GrantIndex | undefined;

  private constructor(grants: readonly Grant[], others: ReadonlyMap<string, Scope>) {
    this.#grants = grants;
    this.#others = others;
  }

  /**
   * A set from parsed scopes and/or scope text (each string may be one token or a
   * space-separated scope parameter). Throws `ScopeSyntaxError` on invalid text: use
   * `fromParameter` for untrusted input.
   */
  static of(...items: readonly (Scope | string)[]): ScopeSet {
    const scopes: Scope[] = [];
    for (const item of items) {
      if (typeof item !== 'string') {
        scopes.push(item);
        continue;
      }
      const list = parseScopeList(item);
      if (!list.ok) throw new ScopeSyntaxError(list.errors);
      appendAll(scopes, list.scopes);
    }
    return ScopeSet.fromScopes(scopes);
  }

  /** A set from parsed scopes. */
  static fromScopes(scopes: Iterable<Scope>): ScopeSet {
    const grants = new Map<string, Grant>();
    const others = new Map<string, Scope>();
    for (const scope of scopes) {
      if (scope.type === 'resource') {
        for (const grant of grantsOfScope(scope)) grants.set(grant.key, grant);
      } else {
        others.set(formatScope(scope), scope);
      }
    }
    return ScopeSet.build(grants.values(), others);
  }

  /**
   * A set from an untrusted RFC 6749 `scope` parameter. Invalid tokens grant nothing and are
   * left out of `set`; `errors` says what was wrong (offsets into `param`). Never throws.
   */
  static fromParameter(param: string): { readonly set: ScopeSet; readonly errors: readonly ScopeError[] } {
    const list = parseScopeList(param);
    return { set: ScopeSet.fromScopes(list.scopes), errors: list.errors };
  }

  private static build(grants: Iterable<Grant>, others: ReadonlyMap<string, Scope>): ScopeSet {
    const unique = new Map<string, Grant>();
    for (const grant of grants) unique.set(grant.key, grant);
    if (unique.size === 0 && others.size === 0) return ScopeSet.EMPTY;
    return new ScopeSet(Object.freeze([...unique.values()]), others);
  }

  /** The grants this set is made of (not minimised; see `minimal()`). */
  get grants(): readonly Grant[] {
    return this.#grants;
  }

  /** Grants bucketed for lookup, built on first use. */
  get #grantIndex(): GrantIndex {
    this.#index ??= new GrantIndex(this.#grants);
    return this.#index;
  }

  /** The non-resource scopes, by canonical string. */
  get otherScopes(): ReadonlyMap<string, Scope> {
    return this.#others;
  }

  /** True when the set grants nothing and holds no other scope. */
  get isEmpty(): boolean {
    return this.#grants.length === 0 && this.#others.size === 0;
  }

  /** Whether this set grants everything `other` grants (and holds all its non-resource scopes). */
  covers(other: ScopeSet): boolean {
    for (const key of other.#others.keys()) if (!this.#others.has(key)) return false;
    const index = this.#grantIndex;
    return other.#grants.every((g) => coveredByCandidates(g, index.coverCandidates(g)));
  }

  /** Mutual coverage: the two sets grant exactly the same permissions. */
  equivalent(other: ScopeSet): boolean {
    return this.covers(other) && other.covers(this);
  }

  /** Everything either set grants. */
  union(other: ScopeSet): ScopeSet {
    return ScopeSet.build([...this.#grants, ...other.#grants], new Map([...this.#others, ...other.#others]));
  }

  /**
   * What both sets grant: pairwise intersections of overlapping grants (the narrower type, the
   * conjunction of both queries), e.g. `patient/*.rs` ∩ `patient/Observation.cruds` =
   * `patient/Observation.rs`; `patient/Observation.rs` ∩ `patient/Observation.r?category=X` =
   * `patient/Observation.r?category=X`. Exact under the model described on the class.
   */
  intersection(other: ScopeSet): ScopeSet {
    const grants: Grant[] = [];
    const index = other.#grantIndex;
    for (const a of this.#grants) {
      for (const b of index.overlapping(a)) {
        const both = intersectGrants(a, b);
        if (both) grants.push(both);
      }
    }
    const others = new Map([...this.#others].filter(([key]) => other.#others.has(key)));
    return ScopeSet.build(grants, others);
  }

  /**
   * The largest set expressible as SMART scopes that lies inside `this` and shares no
   * permission with `other` (for "requested ∩ allowed − denied").
   *
   * - A grant covered by `other` is removed.
   * - A grant that merely overlaps a grant of `other` (same level and letter, meeting types) is
   *   removed whole: the complement of a query is not expressible in SMART's positive query
   *   syntax, so keeping any restricted part would still overlap. This errs towards granting
   *   less, never more.
   * - A `*` grant overlapped only by grants on specific types is split into one grant per R4
   *   resource type minus those types. **The result then no longer covers resource types added
   *   after FHIR R4**: `patient/*.rs` − `patient/Observation.rs` lists today's other types only.
   * - Non-resource scopes are removed when `other` holds the same scope.
   */
  difference(other: ScopeSet): ScopeSet {
    const grants: Grant[] = [];
    const index = other.#grantIndex;
    for (const grant of this.#grants) {
      const overlapping = index.overlapping(grant);
      if (overlapping.length === 0) {
        grants.push(grant);
        continue;
      }
      if (grant.resourceType !== '*' || overlapping.some((o) => o.resourceType === '*')) continue;
      const excluded = new Set(overlapping.map((o) => o.resourceType));
      for (const type of R4_RESOURCE_TYPES) {
        if (!excluded.has(type)) grants.push(withResourceType(grant, type));
      }
    }
    const others = new Map([...this.#others].filter(([key]) => !other.#others.has(key)));
    return ScopeSet.build(grants, others);
  }

  /**
   * The minimal equivalent set: grants covered by the rest removed (narrowest first, so that
   * `Observation.r?category=a` goes before the broader `Observation.r?category=a,b`), then
   * letters merged per (level, type, query) into the factored form (`X.r X.s` → `X.rs`).
   */
  minimal(): ScopeSet {
    if (this.#minimal) return this.#minimal;
    const ordered = [...this.#grants].sort(bySpecificity);
    const index = this.#grantIndex;
    const kept = new Set<Grant>(ordered);
    for (const grant of ordered) {
      kept.delete(grant);
      const rest = index.coverCandidates(grant).filter((g) => kept.has(g));
      if (!coveredByCandidates(grant, rest)) kept.add(grant);
    }
    const result = kept.size === this.#grants.length ? this : ScopeSet.build(kept, this.#others);
    result.#minimal = result;
    this.#minimal = result;
    return result;
  }

  /** The minimal set as parsed scopes (resource scopes in v2 syntax), in canonical order. */
  toScopes(): Scope[] {
    const min = this.minimal();
    const lettersByGroup = new Map<string, { grant: Grant; letters: Set<PermissionLetter> }>();
    for (const grant of min.#grants) {
      const group = `${grant.level}/${grant.resourceType}?${grant.queryKey}`;
      const entry = lettersByGroup.get(group) ?? { grant, letters: new Set<PermissionLetter>() };
      entry.letters.add(grant.letter);
      lettersByGroup.set(group, entry);
    }
    const resources = [...lettersByGroup.values()].map(({ grant, letters }) => resourceScopeOf(grant, letters));
    return [...min.#others.values(), ...resources].sort(compareScopes);
  }

  /** The minimal set as scope strings in canonical order (see `ScopeStringOptions`). */
  toStrings(options: ScopeStringOptions = {}): string[] {
    return this.toScopes().map((scope) => {
      if (options.syntax === 'v1' && scope.type === 'resource' && scope.query.length === 0) {
        const word = v1WordFor(scope.permissions);
        if (word !== null) return `${scope.level}/${scope.resourceType}.${word}`;
      }
      return formatScope(scope);
    });
  }

  /** The minimal set as one space-separated scope parameter. */
  toString(): string {
    return this.toStrings().join(' ');
  }
}

function resourceScopeOf(grant: Grant, letters: ReadonlySet<PermissionLetter>): ResourceScope {
  const query = queryPairsOf(grant);
  return Object.freeze({
    type: 'resource',
    level: grant.level,
    resourceType: grant.resourceType,
    permissions: 'cruds'
      .split('')
      .filter((l) => letters.has(l as PermissionLetter))
      .join(''),
    syntax: 'v2',
    query: Object.freeze(query),
    experimental: query.some((p) => isExperimentalName(p.name)),
  });
}

/** Canonical output order: launch, context, identity, refresh, resources (by level, `*` first, type, query), registration, extensions. */
function compareScopes(a: Scope, b: Scope): number {
  const kind = KIND_ORDER[a.type] - KIND_ORDER[b.type];
  if (kind !== 0) return kind;
  if (a.type === 'resource' && b.type === 'resource') {
    const level = LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
    if (level !== 0) return level;
    const wildcard = Number(b.resourceType === '*') - Number(a.resourceType === '*');
    if (wildcard !== 0) return wildcard;
    const type = compareStrings(a.resourceType, b.resourceType);
    if (type !== 0) return type;
  }
  if (a.type === 'identity' && b.type === 'identity') return IDENTITY_ORDER[a.name] - IDENTITY_ORDER[b.name];
  return compareStrings(formatScope(a), formatScope(b));
}

/** Input accepted by the free functions: a set, one parsed scope, or scope text. */
export type ScopeSetInput = ScopeSet | Scope | string;

function toSet(input: ScopeSetInput): { set: ScopeSet; valid: boolean } {
  if (input instanceof ScopeSet) return { set: input, valid: true };
  if (typeof input === 'string') {
    const { set, errors } = ScopeSet.fromParameter(input);
    return { set, valid: errors.length === 0 };
  }
  return { set: ScopeSet.fromScopes([input]), valid: true };
}

/**
 * Whether `a` grants everything `b` grants. Text is parsed as a scope parameter; fails closed:
 * invalid tokens in `a` grant nothing, and any invalid token in `b` makes the answer false.
 */
export function covers(a: ScopeSetInput, b: ScopeSetInput): boolean {
  const broad = toSet(a);
  const narrow = toSet(b);
  return narrow.valid && broad.set.covers(narrow.set);
}
