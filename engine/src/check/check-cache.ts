/**
 * Incremental rule runs for the language service. Rules of reach `app-class` are run per app
 * class part (see `app-partition.ts`) and their findings kept per part; the next run reuses a
 * part's findings while its blocks and the shared blocks are the very same AST objects, and
 * re-runs the rule only on the parts an edit touched. Rules of reach `set` run on every check.
 * The result equals `runRules` on the whole set: same findings, in an order the checker's sort
 * makes identical (a part's findings never share a place with another part's).
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { PolicyFile } from '../language/ast.js';
import type { RuleContext } from '../model/rule-context.js';
import { createRuleContext } from '../model/rule-context.js';
import type { RuleRegistry } from './rule-registry.js';
import { partitionByAppClass } from './app-partition.js';
import { ruleFailed, runRule } from '../model/run-rules.js';
import { appendAll } from '../util/append-all.js';

interface PartFindings {
  readonly blocks: readonly unknown[];
  readonly findings: readonly Diagnostic[];
}

/** What one policy set's previous checks left for the next; one per set, owned by its caller. */
export interface CheckCache {
  registry: RuleRegistry | undefined;
  shared: readonly unknown[];
  /** Per rule code, per part. */
  readonly rules: Map<string, Map<string, PartFindings>>;
}

export function createCheckCache(): CheckCache {
  return { registry: undefined, shared: [], rules: new Map() };
}

function sameBlocks(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `runRules`, reusing the findings of unchanged app-class parts from `cache` (and updating it). */
export function runRulesCached(
  context: RuleContext,
  files: readonly PolicyFile[],
  registry: RuleRegistry,
  skip: (code: string) => boolean,
  cache: CheckCache,
): Diagnostic[] {
  const partition = partitionByAppClass(files);
  if (cache.registry !== registry || !sameBlocks(cache.shared, partition.shared)) cache.rules.clear();
  cache.registry = registry;
  cache.shared = partition.shared;
  const partContexts = new Map<string, RuleContext>();
  const contextOf = (part: string): RuleContext => {
    let found = partContexts.get(part);
    if (!found) {
      found = createRuleContext(partition.filesOf(part), registry);
      partContexts.set(part, found);
    }
    return found;
  };
  const out: Diagnostic[] = [];
  for (const rule of registry.all()) {
    if (!rule.check || skip(rule.code)) continue;
    if (rule.reach !== 'app-class') {
      appendAll(out, runRule(context, rule));
      continue;
    }
    const previous = cache.rules.get(rule.code);
    const next = new Map<string, PartFindings>();
    const found: Diagnostic[] = [];
    let failed = false;
    for (const [part, blocks] of partition.parts) {
      const hit = previous?.get(part);
      const entry = hit && sameBlocks(hit.blocks, blocks) ? hit : { blocks, findings: runRule(contextOf(part), rule) };
      // A failure names the set's first file and the rule's message: only a whole-set run says it the same way.
      if (ruleFailed(entry.findings)) {
        failed = true;
        break;
      }
      next.set(part, entry);
      appendAll(found, entry.findings);
    }
    if (failed) {
      cache.rules.delete(rule.code);
      appendAll(out, runRule(context, rule));
      continue;
    }
    cache.rules.set(rule.code, next);
    appendAll(out, found);
  }
  return out;
}
