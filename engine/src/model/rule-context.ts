/**
 * What a rule gets to look at: the indexed policy set, every granted scope already parsed, the
 * facts of each app class, and the registry (for rules about codes themselves).
 */
import type { Condition, Declaration, GrantBlock, GrantRule, Name, PolicyFile } from '../language/ast.js';
import type { PolicyIndex, Located } from './policy-index.js';
import { indexPolicy } from './policy-index.js';
import type { AppFacts, World } from './request-worlds.js';
import { appFacts, worldsOf, worldsWhere } from './request-worlds.js';
import type { ScopeInfo } from './scope-info.js';
import { scopeInfo } from './scope-info.js';
import { list, textOf } from './safe.js';
import type { RuleRegistry } from './rule-registry.js';

/** One scope written in an `allow` or `deny` rule of a grant block. */
export interface GrantScope {
  /** The app class name of the grant block, undefined when missing. */
  readonly app: string | undefined;
  readonly grant: GrantBlock;
  readonly rule: GrantRule;
  readonly effect: 'allow' | 'deny';
  readonly info: ScopeInfo;
  readonly uri: string | undefined;
}

/** The context handed to every rule's `check`. */
export interface RuleContext {
  /**
   * The indexed policy set without the blocks that name an undeclared app class: lints judge
   * what a block grants to its class, which means nothing for a class that does not exist, so
   * such a block gets only `semantic.unknown-app-class` (which reads `fullIndex`).
   */
  readonly index: PolicyIndex;
  /** Every block, including those that name an undeclared app class. */
  readonly fullIndex: PolicyIndex;
  readonly registry: RuleRegistry;
  /** Every scope token of every grant rule, in source order. */
  readonly grantScopes: readonly GrantScope[];
  /** The facts of an app class by name (unknown names: everything is possible). */
  appFacts(name: string | undefined): AppFacts;
  /** The FHIR version the set declares, defaulting to R4 (the only one with bundled data). */
  readonly fhirVersion: string;
  /**
   * The requests of app class `app` for which `condition` holds (all of them without a
   * condition); `undefined` when the condition cannot be judged. Memoized per condition node.
   */
  worldsWhere(app: string | undefined, condition: Condition | undefined): readonly World[] | undefined;
}

/** Builds the rule context for a set of parsed files. */
export function createRuleContext(files: readonly PolicyFile[], registry: RuleRegistry): RuleContext {
  const fullIndex = indexPolicy(files);
  const index = indexPolicy(withoutUnresolvedBlocks(files, fullIndex));
  const grantScopes: GrantScope[] = [];
  for (const { node: grant, uri } of index.grants) {
    const app = textOf(grant.app);
    for (const rule of list(grant.rules)) {
      if (!rule || typeof rule !== 'object') continue;
      const effect = rule.effect === 'deny' ? 'deny' : 'allow';
      for (const ref of list(rule.scopes)) {
        const info = scopeInfo(ref);
        if (info) grantScopes.push({ app, grant, rule, effect, info, uri });
      }
    }
  }
  const factsCache = new Map<string, AppFacts>();
  const worldsCache = new Map<string, readonly World[]>();
  const whereCache = new Map<string, WeakMap<object, readonly World[] | undefined>>();
  const NO_CONDITION = {};
  return {
    index,
    fullIndex,
    registry,
    grantScopes,
    fhirVersion: textOf(index.fhirVersion?.node) ?? 'R4',
    worldsWhere(app, condition) {
      const key = app ?? '';
      let all = worldsCache.get(key);
      if (!all) {
        all = worldsOf(this.appFacts(app));
        worldsCache.set(key, all);
      }
      const node: object = condition && typeof condition === 'object' ? condition : NO_CONDITION;
      let memo = whereCache.get(key);
      if (!memo) {
        memo = new WeakMap();
        whereCache.set(key, memo);
      }
      if (memo.has(node)) return memo.get(node);
      const result = node === NO_CONDITION ? all : worldsWhere(condition, all);
      memo.set(node, result);
      return result;
    },
    appFacts(name) {
      const key = name ?? '';
      let facts = factsCache.get(key);
      if (!facts) {
        facts = appFacts(name === undefined ? undefined : index.appByName.get(name)?.node);
        factsCache.set(key, facts);
      }
      return facts;
    },
  };
}

export type { Located };

/** The app class a block depends on, when it names one. */
function dependsOnApp(decl: Declaration): Name | undefined {
  switch (decl.kind) {
    case 'grant':
    case 'refresh':
    case 'registration':
      return decl.app;
    case 'context':
      return decl.app;
    default:
      return undefined;
  }
}

/** Copies of the files without blocks that name an app class no `app` block declares. */
function withoutUnresolvedBlocks(files: readonly PolicyFile[], full: PolicyIndex): PolicyFile[] {
  return list(files).map((file) => {
    if (!file || typeof file !== 'object' || !Array.isArray(file.declarations)) return file;
    const declarations = file.declarations.filter((decl) => {
      if (!decl || typeof decl !== 'object') return true;
      const app = dependsOnApp(decl);
      const name = app === undefined ? undefined : textOf(app);
      return name === undefined || full.appByName.has(name);
    });
    return declarations.length === file.declarations.length ? file : { ...file, declarations };
  });
}
