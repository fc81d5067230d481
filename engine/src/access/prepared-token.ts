/**
 * A token's granted scopes parsed once and indexed for decisions: level → type → letter, with
 * plain scopes kept apart from query-restricted ones. `authorize` looks up one small per-type
 * table per request instead of walking scope strings.
 */
import { parseScope } from '../smart/parse-scope.js';
import type { QueryPair, ResourceScope, ScopeLevel, ScopeParseResult } from '../smart/scope-types.js';
import type { PreparedTokenHandle, Reason } from './access-types.js';
import type { Letter } from './classify-request.js';
import type { ContextualKey, FailureKey, ResultKey } from './cache-keys.js';
import type { Outcome } from './decision-context.js';
import { compileQuery, type CompiledQuery } from './query-match.js';
import { typeFacts, type TypeFacts } from './type-facts.js';

/** Bit of each letter in a permission mask. */
export const LETTER_BIT: Readonly<Record<Letter, number>> = Object.freeze({ c: 1, r: 2, u: 4, d: 8, s: 16 });
/** Position of each letter (0..4), for per-letter tables. */
export const LETTER_INDEX: Readonly<Record<Letter, number>> = Object.freeze({ c: 0, r: 1, u: 2, d: 3, s: 4 });

/** One granted resource scope, compiled. */
export interface GrantedScope {
  /** The scope exactly as granted (v1 text stays v1). */
  readonly text: string;
  readonly level: ScopeLevel;
  /** A resource type or `*`. */
  readonly resourceType: string;
  /** Letter bits (`LETTER_BIT`). */
  readonly bits: number;
  readonly query: readonly QueryPair[];
  /** Position in the granted list (stable, for caches). */
  readonly index: number;
}

/** The scopes that apply to one resource type, split by kind, per letter (index `LETTER_INDEX`). */
export interface TypeGrants {
  readonly resourceType: string;
  /** First plain `user/`/`system/` scope granting each letter on this type (it alone allows). */
  readonly openPlain: readonly (GrantedScope | undefined)[];
  /** Plain `patient/` scopes per letter (first one). */
  readonly patientPlain: readonly (GrantedScope | undefined)[];
  /** Query-restricted `user/`/`system/` scopes per letter. */
  readonly openQuery: readonly (readonly GrantedScope[])[];
  /** Query-restricted `patient/` scopes per letter. */
  readonly patientQuery: readonly (readonly GrantedScope[])[];
  /** Union of the letter bits of every scope naming this type or `*`, any level. */
  readonly anyBits: number;
  /** Frozen results of common outcomes (keys: `cache-keys.ts`). */
  readonly results: Map<ResultKey, Outcome>;
  /** Outcomes that also depend on the context patient and options (checked on lookup). */
  readonly contextual: Map<ContextualKey, ContextualOutcome>;
  /**
   * Outcomes the fast path found for this type under default options, kept in plain slots
   * (index: 0 open search, 1/2/3 patient limit none/same/other, 4 read) for one context patient.
   */
  readonly fast: FastSlots;
  /** Deny reasons (and single-reason outcomes) built once, keyed by failure kind and scope. */
  readonly failures: Map<FailureKey, CachedFailure>;
  /** Facts about the type (compartment membership, patient parameters). */
  readonly facts: TypeFacts;
  /** Query-restricted scopes' queries compiled for this type, keyed `scope.index * 2 + decode`. */
  readonly compiled: Map<number, CompiledQuery>;
}

/** See `TypeGrants.fast`. */
export interface FastSlots {
  patient: string | undefined;
  readonly slots: (Outcome | undefined)[];
}

/** A deny reason valid for one context patient, and the outcome when it is the only reason. */
export interface CachedFailure {
  readonly patient: string | undefined;
  readonly reason: Reason;
  single?: Outcome;
}

/** A cached outcome valid for one context patient and one options object. */
export interface ContextualOutcome {
  readonly patient: string | undefined;
  readonly options: unknown;
  readonly outcome: Outcome;
}

/** A token prepared with `prepareToken`; pass it as `granted` to skip per-request parsing. */
export interface PreparedToken extends PreparedTokenHandle {
  readonly kind: 'prepared-token';
  /** The granted scope strings, as given (frozen; reasons quote it as `present`). */
  readonly scopes: readonly string[];
  /** Valid resource scopes. */
  readonly resourceScopes: readonly GrantedScope[];
  /** Scope strings that did not parse: they grant nothing. */
  readonly invalid: readonly { readonly scope: string; readonly message: string }[];
  /** True when any resource scope is at the `patient/` level. */
  readonly hasPatientScopes: boolean;
  /** True when any query-restricted scope is present. */
  readonly hasQueryScopes: boolean;
  /** The per-type table (computed on first use, then cached). */
  grantsFor(resourceType: string): TypeGrants;
  /** A scope's query compiled for a type (cached per decode mode). */
  compiledQuery(scope: GrantedScope, resourceType: string, decode: boolean): CompiledQuery;
  /** The same, given the type's table. */
  compiledQueryIn(g: TypeGrants, scope: GrantedScope, decode: boolean): CompiledQuery;
}

function bitsOf(permissions: string): number {
  let b = 0;
  for (let i = 0; i < permissions.length; i++) {
    const l = permissions[i] as Letter;
    b |= LETTER_BIT[l] ?? 0;
  }
  return b;
}

const LETTERS: readonly Letter[] = ['c', 'r', 'u', 'd', 's'];

class Prepared implements PreparedToken {
  readonly kind = 'prepared-token' as const;
  readonly scopes: readonly string[];
  readonly resourceScopes: readonly GrantedScope[];
  readonly invalid: readonly { readonly scope: string; readonly message: string }[];
  readonly hasPatientScopes: boolean;
  readonly hasQueryScopes: boolean;
  private readonly byType = new Map<string, TypeGrants>();

  constructor(granted: readonly unknown[], parse: (text: string) => ScopeParseResult) {
    const scopes: string[] = [];
    const resourceScopes: GrantedScope[] = [];
    const invalid: { scope: string; message: string }[] = [];
    for (const raw of granted) {
      if (typeof raw !== 'string') {
        invalid.push({ scope: String(raw), message: 'a granted scope must be a string' });
        continue;
      }
      // A whole `scope` parameter passed as one element still means its space-separated tokens.
      const tokens = raw.indexOf(' ') >= 0 ? raw.split(' ').filter((t) => t.length > 0) : [raw];
      for (const text of tokens) {
        scopes.push(text);
        const parsed = parse(text);
        if (!parsed.ok) {
          invalid.push({ scope: text, message: parsed.error.message });
          continue;
        }
        if (parsed.scope.type !== 'resource') continue; // rule 28: no REST access
        const s: ResourceScope = parsed.scope;
        const bits = bitsOf(s.permissions);
        if (bits === 0) continue;
        resourceScopes.push(
          Object.freeze({
            text,
            level: s.level,
            resourceType: s.resourceType,
            bits,
            query: s.query,
            index: resourceScopes.length,
          }),
        );
      }
    }
    this.scopes = Object.freeze(scopes);
    this.resourceScopes = Object.freeze(resourceScopes);
    this.invalid = Object.freeze(invalid);
    this.hasPatientScopes = resourceScopes.some((s) => s.level === 'patient');
    this.hasQueryScopes = resourceScopes.some((s) => s.query.length > 0);
  }

  grantsFor(resourceType: string): TypeGrants {
    let g = this.byType.get(resourceType);
    if (g === undefined) {
      g = this.buildGrants(resourceType);
      // Bounded: keys are resource type names (validated by the classifier) or `*`.
      if (this.byType.size < 512) this.byType.set(resourceType, g);
    }
    return g;
  }

  private buildGrants(resourceType: string): TypeGrants {
    const openPlain: (GrantedScope | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
    const patientPlain: (GrantedScope | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
    const openQuery: GrantedScope[][] = [[], [], [], [], []];
    const patientQuery: GrantedScope[][] = [[], [], [], [], []];
    let anyBits = 0;
    for (const s of this.resourceScopes) {
      // `*` scopes apply to every type; a request about `*` (system-wide) only counts `*` scopes.
      if (s.resourceType !== '*' && s.resourceType !== resourceType) continue;
      anyBits |= s.bits;
      const patient = s.level === 'patient';
      for (let i = 0; i < 5; i++) {
        if ((s.bits & LETTER_BIT[LETTERS[i] as Letter]) === 0) continue;
        if (s.query.length === 0) {
          const table = patient ? patientPlain : openPlain;
          table[i] ??= s;
        } else (patient ? patientQuery : openQuery)[i]?.push(s);
      }
    }
    return {
      resourceType,
      openPlain,
      patientPlain,
      openQuery,
      patientQuery,
      anyBits,
      results: new Map(),
      contextual: new Map(),
      failures: new Map(),
      fast: { patient: undefined, slots: [undefined, undefined, undefined, undefined, undefined] },
      facts: typeFacts(resourceType),
      compiled: new Map(),
    };
  }

  compiledQuery(scope: GrantedScope, resourceType: string, decode: boolean): CompiledQuery {
    return this.compiledQueryIn(this.grantsFor(resourceType), scope, decode);
  }

  compiledQueryIn(g: TypeGrants, scope: GrantedScope, decode: boolean): CompiledQuery {
    const resourceType = g.resourceType;
    const key = scope.index * 2 + (decode ? 1 : 0);
    let q = g.compiled.get(key);
    if (q === undefined) {
      q = compileQuery(resourceType, scope.query, decode);
      g.compiled.set(key, q);
    }
    return q;
  }
}

/**
 * Parses and indexes a token's granted scopes once. Invalid scopes and non-resource scopes are
 * kept in `scopes` (for reasons) but grant nothing. Never throws. `parse` is the scope parser
 * (an evaluator passes its own memo).
 */
export function prepareToken(granted: readonly string[], parse: (text: string) => ScopeParseResult = parseScope): PreparedToken {
  return new Prepared(Array.isArray(granted) ? granted : [], parse);
}

/** True for a value made by `prepareToken`. */
export function isPreparedToken(value: unknown): value is PreparedToken {
  return value instanceof Prepared;
}
