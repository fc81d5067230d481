/**
 * Stable ids of grant rules in bundles and decisions. Positional ids (`grant:portal#13`) changed
 * on every edit above a rule, breaking audit logs and `expect reason` in tests; these depend only
 * on the rule itself:
 *
 * - a named rule (`allow as lab_read patient/Observation.rs`) is `grant:<app>:<name>`; when it
 *   lists several scopes, each is `grant:<app>:<name>:<scope>`;
 * - any other rule is `grant:<app>:<allow|deny>:<scope>`, plus `@<8 hex>` — a hash of its
 *   condition — when it has a `when`;
 *
 * where `<scope>` is the scope's canonical text (`formatScope`: v2 letters in `cruds` order, so
 * `.sr` and `.rs` are one id). An id that still occurs twice (the same scope twice, or one name
 * on two rules) gets `~2`, `~3` … in file order. Reordering rules or editing other rules never
 * changes an id.
 */
import { createHash } from 'node:crypto';
import type { Condition } from './bundle-types.js';
import { canonicalJson } from './canonical-json.js';

export interface GrantIdInput {
  readonly app: string;
  readonly effect: 'allow' | 'deny';
  /** The rule's name (`allow as <name>`), if any. */
  readonly name?: string;
  /** The scope's canonical text. */
  readonly scope: string;
  /** How many scopes the rule lists (a named rule with one scope needs no scope in its id). */
  readonly scopesInRule: number;
  readonly when?: Condition;
}

/** Hands out ids; one instance per compiled policy set. */
export class GrantIds {
  readonly #seen = new Map<string, number>();

  next(input: GrantIdInput): string {
    const base = baseId(input);
    const n = (this.#seen.get(base) ?? 0) + 1;
    this.#seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  }
}

/** The id before duplicates are numbered. */
export function baseId(input: GrantIdInput): string {
  if (input.name !== undefined)
    return input.scopesInRule === 1 ? `grant:${input.app}:${input.name}` : `grant:${input.app}:${input.name}:${input.scope}`;
  const condition = input.when === undefined ? '' : `@${conditionHash(input.when)}`;
  return `grant:${input.app}:${input.effect}:${input.scope}${condition}`;
}

/** The first 8 hex digits of the SHA-256 of a condition's canonical JSON. */
export function conditionHash(when: Condition): string {
  return createHash('sha256').update(canonicalJson(when), 'utf8').digest('hex').slice(0, 8);
}
