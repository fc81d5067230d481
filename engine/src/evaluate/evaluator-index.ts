/**
 * The indexes an evaluator builds once from a bundle: app classes as client matchers, each app's
 * grant rules parsed and grouped (resource rules by level and type, other scopes by key),
 * conditions compiled to closures, refresh and registration policies per app.
 */
import type {
  BundleApp,
  BundleContextRequirement,
  BundleGrant,
  BundleRefreshPolicy,
  BundleRegistrationPolicy,
  PolicyBundle,
} from '../compile/bundle-types.js';
import type { ResourceScope, Scope } from '../smart/scope-types.js';
import { ScopeParseMemo } from '../smart/parse-scope-cached.js';
import { compileCondition, type Predicate } from './compile-condition.js';
import { scopeKey } from './scope-key.js';
import { compilePattern, type ScopeMatcher } from './context-pattern.js';

/** A grant rule with its scope parsed and its condition compiled. */
export interface IndexedRule {
  readonly rule: BundleGrant;
  readonly scope: Scope;
  readonly when: Predicate;
}

export interface IndexedResourceRule extends IndexedRule {
  readonly scope: ResourceScope;
}

/** Resource rules of one level: by exact type, plus the `*` rules. */
export interface LevelRules {
  readonly byType: Map<string, IndexedResourceRule[]>;
  readonly wildcard: IndexedResourceRule[];
  readonly all: IndexedResourceRule[];
}

export interface IndexedRefresh {
  readonly policy: BundleRefreshPolicy;
  readonly offlineWhen: Predicate;
  readonly onlineWhen: Predicate;
}

export interface IndexedApp {
  readonly app: BundleApp;
  readonly clientTypes: ReadonlySet<string> | null;
  readonly authMethods: ReadonlySet<string> | null;
  readonly registration: ReadonlySet<string> | null;
  readonly clientIds: ReadonlySet<string> | null;
  readonly softwareIds: ReadonlySet<string> | null;
  readonly userTypes: ReadonlySet<string> | null;
  readonly launch: ReadonlySet<string> | null;
  readonly allow: Map<string, LevelRules>;
  readonly deny: Map<string, LevelRules>;
  readonly allowOther: Map<string, IndexedRule[]>;
  readonly denyOther: Map<string, IndexedRule[]>;
  readonly refresh: IndexedRefresh | undefined;
  readonly registrationPolicy: BundleRegistrationPolicy | undefined;
}

export interface IndexedRequirement {
  readonly requirement: BundleContextRequirement;
  readonly matches: ScopeMatcher;
}

export interface EvaluatorIndex {
  readonly apps: readonly IndexedApp[];
  readonly requirements: readonly IndexedRequirement[];
  /** Memo of set-algebra answers (see `AnswerCache`), per evaluator. */
  readonly answers: AnswerCache;
  /** Parsed scope strings (rules and requests), per evaluator. */
  readonly scopes: ScopeParseMemo;
}

/**
 * A bounded memo of policy answers that needed the set algebra, keyed by matched app classes,
 * request facts and scope text: the answer depends on nothing else, and servers see the same
 * requests over and over. Answers are immutable, so sharing them is safe.
 */
export class AnswerCache {
  readonly #map = new Map<string, unknown>();
  constructor(readonly limit = 4096) {}
  get<T>(key: string): T | undefined {
    return this.#map.get(key) as T | undefined;
  }
  set(key: string, value: unknown): void {
    // Wholesale clearing keeps the cost constant; a policy's distinct requests rarely exceed the limit.
    if (this.#map.size >= this.limit) this.#map.clear();
    this.#map.set(key, value);
  }
}

function setOrNull(values: readonly string[]): ReadonlySet<string> | null {
  return values.length === 0 ? null : new Set(values);
}

function levelRules(map: Map<string, LevelRules>, level: string): LevelRules {
  let rules = map.get(level);
  if (rules === undefined) {
    rules = { byType: new Map(), wildcard: [], all: [] };
    map.set(level, rules);
  }
  return rules;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Builds the indexes. Rules whose scope does not parse are left out (a loaded bundle was
 * compiled from scopes that parse; leaving them out can only grant less).
 */
export function buildIndex(bundle: PolicyBundle): EvaluatorIndex {
  const scopes = new ScopeParseMemo();
  const byName = new Map<string, IndexedApp>();
  const apps: IndexedApp[] = bundle.apps.map((app) => {
    const indexed: IndexedApp = {
      app,
      clientTypes: setOrNull(app.clientTypes),
      authMethods: setOrNull(app.authMethods),
      registration: setOrNull(app.registration),
      clientIds: setOrNull(app.clientIds),
      softwareIds: setOrNull(app.softwareIds),
      userTypes: setOrNull(app.userTypes),
      launch: setOrNull(app.launch),
      allow: new Map(),
      deny: new Map(),
      allowOther: new Map(),
      denyOther: new Map(),
      refresh: undefined,
      registrationPolicy: undefined,
    };
    byName.set(app.name, indexed);
    return indexed;
  });

  for (const rule of bundle.grants) {
    const app = byName.get(rule.app);
    const parsed = scopes.parse(rule.scope);
    if (app === undefined || !parsed.ok) continue;
    const indexed: IndexedRule = { rule, scope: parsed.scope, when: compileCondition(rule.when) };
    if (parsed.scope.type === 'resource') {
      const resourceRule = indexed as IndexedResourceRule;
      const level = levelRules(rule.effect === 'allow' ? app.allow : app.deny, parsed.scope.level);
      level.all.push(resourceRule);
      if (parsed.scope.resourceType === '*') level.wildcard.push(resourceRule);
      else push(level.byType, parsed.scope.resourceType, resourceRule);
    } else {
      push(rule.effect === 'allow' ? app.allowOther : app.denyOther, scopeKey(parsed.scope), indexed);
    }
  }

  const withPolicies = apps.map((app) => {
    const refresh = bundle.refresh.find((r) => r.app === app.app.name);
    const registrationPolicy = bundle.registration.find((r) => r.app === app.app.name);
    return {
      ...app,
      refresh:
        refresh === undefined
          ? undefined
          : { policy: refresh, offlineWhen: compileCondition(refresh.offlineWhen), onlineWhen: compileCondition(refresh.onlineWhen) },
      registrationPolicy,
    };
  });

  const requirements = bundle.context.requirements.map((requirement) => ({
    requirement,
    matches: compilePattern(requirement.pattern, (text) => scopes.parse(text)),
  }));
  return { apps: withPolicies, requirements, answers: new AnswerCache(), scopes };
}

/** The resource rules of `rules` that can touch a scope of this level and type. */
export function candidateRules(rules: Map<string, LevelRules>, scope: ResourceScope): readonly IndexedResourceRule[] {
  const level = rules.get(scope.level);
  if (level === undefined) return [];
  if (scope.resourceType === '*') return level.all;
  const exact = level.byType.get(scope.resourceType);
  if (exact === undefined) return level.wildcard;
  if (level.wildcard.length === 0) return exact;
  return [...level.wildcard, ...exact];
}
