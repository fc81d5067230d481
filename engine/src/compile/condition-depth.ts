/**
 * Conditions are evaluated recursively, so a bundle may nest them only so deep (a policy written
 * by hand never comes close). The schema cannot bound recursion depth; this does.
 */
import type { PolicyBundleWire } from '../schema/generated/wire-schemas.js';

/** How deep `all` / `any` / `not` may nest in one condition. */
export const MAX_CONDITION_DEPTH = 64;

/** The JSON pointer of the first condition nested deeper than the limit, if any. */
export function tooDeepCondition(bundle: PolicyBundleWire): string | undefined {
  for (const [i, grant] of bundle.grants.entries()) {
    const found = grant.when === undefined ? undefined : deepest(grant.when, `/grants/${i}/when`, 0);
    if (found !== undefined) return found;
  }
  for (const [i, refresh] of bundle.refresh.entries()) {
    for (const key of ['offlineWhen', 'onlineWhen'] as const) {
      const condition = refresh[key];
      const found = condition === undefined ? undefined : deepest(condition, `/refresh/${i}/${key}`, 0);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function deepest(condition: PolicyBundleWire.Condition, pointer: string, depth: number): string | undefined {
  if (depth > MAX_CONDITION_DEPTH) return pointer;
  if ('not' in condition) return deepest(condition.not, `${pointer}/not`, depth + 1);
  const parts =
    'all' in condition ? { key: 'all', list: condition.all } : 'any' in condition ? { key: 'any', list: condition.any } : undefined;
  if (parts === undefined) return undefined;
  for (const [i, part] of parts.list.entries()) {
    const found = deepest(part, `${pointer}/${parts.key}/${i}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
