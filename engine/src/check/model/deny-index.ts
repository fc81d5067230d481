/**
 * The deny scopes of one app class, indexed so that finding the denies that may cover an allowed
 * scope does not compare it with every deny (which made `check` quadratic in the number of rules).
 *
 * A deny can only cover an allow on the same level and on the allow's type or `*`. When the deny
 * is query-restricted, each of its conjuncts must be implied by a conjunct of the allow with the
 * same name, whose alternatives are then a subset of the deny's; so the deny is found under
 * (name, any one alternative) of its first conjunct, looked up with every alternative of every
 * conjunct of the allow. Opaque conjuncts (`_filter`, `:not`, empty alternatives) are compared
 * as whole strings, so they are keyed by the whole value. Other scopes are plain elements compared
 * by canonical text (`ScopeSet`), so they are keyed by it. The index only narrows candidates;
 * `covers` still decides.
 */
import { formatScope } from '../../smart/format-scope.js';
import type { ResourceScope, Scope } from '../../smart/scope-types.js';

/** Any value kept per deny (the rule's grant scope and its condition key). */
export class DenyIndex<T> {
  /** Non-resource denies and unrestricted resource denies, per bucket. */
  readonly #unrestricted = new Map<string, T[]>();
  /** Query-restricted resource denies by bucket and first-conjunct key. */
  readonly #restricted = new Map<string, T[]>();
  /** Other scopes are covered only by the same scope: keyed by canonical text. */
  readonly #other = new Map<string, T[]>();

  add(scope: Scope, value: T): void {
    if (scope.type !== 'resource') {
      push(this.#other, formatScope(scope), value);
      return;
    }
    const bucket = bucketOf(scope.level, scope.resourceType);
    const first = scope.query[0];
    if (first === undefined) {
      push(this.#unrestricted, bucket, value);
      return;
    }
    for (const key of conjunctKeys(first.name, first.value)) push(this.#restricted, `${bucket}\u0000${key}`, value);
  }

  /** The denies that may cover `scope`, each once, in the order they were added. */
  candidates(scope: Scope, order: (value: T) => number): T[] {
    if (scope.type !== 'resource') return this.#other.get(formatScope(scope)) ?? [];
    const found = new Set<T>();
    const buckets =
      scope.resourceType === '*' ? [bucketOf(scope.level, '*')] : [bucketOf(scope.level, scope.resourceType), bucketOf(scope.level, '*')];
    for (const bucket of buckets) {
      for (const v of this.#unrestricted.get(bucket) ?? []) found.add(v);
      for (const key of allowKeys(scope)) for (const v of this.#restricted.get(`${bucket}\u0000${key}`) ?? []) found.add(v);
    }
    return [...found].sort((a, b) => order(a) - order(b));
  }
}

function bucketOf(level: string, resourceType: string): string {
  return `${level}/${resourceType}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The keys one conjunct is reachable by: its whole value (opaque comparison) and each alternative. */
function conjunctKeys(name: string, value: string): string[] {
  const keys = [`${name}\u0001${value}`];
  for (const alternative of value.split(',')) keys.push(`${name}\u0002${alternative}`);
  return keys;
}

function allowKeys(scope: ResourceScope): Set<string> {
  const keys = new Set<string>();
  for (const pair of scope.query) for (const key of conjunctKeys(pair.name, pair.value)) keys.add(key);
  return keys;
}
