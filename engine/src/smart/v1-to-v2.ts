import type { ScopeError } from './scope-types.js';
import { parseScopeList } from './parse-scope-list.js';
import { formatScope } from './format-scope.js';

/** Result of converting scope text from v1 to v2 syntax. */
export type V1ToV2Result =
  | { readonly ok: true; readonly value: string; readonly changed: boolean }
  | { readonly ok: false; readonly errors: readonly ScopeError[] };

/**
 * Rewrites v1 resource scopes in a scope token or space-separated scope parameter into v2
 * letters (`.read` → `.rs`, `.write` → `.cud`, `.*` → `.cruds`, SMART App Launch, Scopes and Launch Context: SMART v1 scopes). Every other
 * token (v2, launch, identity, refresh, extension, registration) is kept exactly as written.
 * Invalid input is not converted: the errors say why (offsets into `text`).
 */
export function v1ToV2(text: string): V1ToV2Result {
  const list = parseScopeList(text);
  if (!list.ok) return { ok: false, errors: list.errors };
  let changed = false;
  const tokens = list.entries.map(({ result }) => {
    if (!result.ok) return result.text;
    if (result.scope.type !== 'resource' || result.scope.syntax !== 'v1') return result.text;
    changed = true;
    return formatScope(result.scope, { syntax: 'v2' });
  });
  return { ok: true, value: tokens.join(' '), changed };
}
