import type { ResourceScope, Scope } from './scope-types.js';

/** How to write a resource scope's permissions. */
export interface FormatScopeOptions {
  /**
   * `v2` (default): letters (`patient/*.rs`). `as-written`: v1 scopes keep their v1 word
   * (`patient/*.read`), as servers SHOULD echo v1 scopes in v1 form (SMART App Launch, Scopes and Launch Context: SMART v1 scopes).
   */
  readonly syntax?: 'v2' | 'as-written';
}

/** v2 letters → v1 word, for the three letter sets v1 can express. */
const V1_WORD_BY_LETTERS: Readonly<Record<string, string>> = { rs: 'read', cud: 'write', cruds: '*' };

/**
 * The canonical string of a parsed scope. Query pairs keep the order they were written in
 * (the set algebra has its own order-independent form); everything else is fixed by the
 * grammar, so `parseScope(formatScope(s))` gives back `s` (with `syntax: 'v2'` for v1 scopes
 * unless `as-written` is asked for).
 */
export function formatScope(scope: Scope, options: FormatScopeOptions = {}): string {
  switch (scope.type) {
    case 'resource':
      return formatResourceScope(scope, options.syntax ?? 'v2');
    case 'launch':
      return 'launch';
    case 'launch-context':
      return scope.role === null ? `launch/${scope.contextType}` : `launch/${scope.contextType}?role=${scope.role}`;
    case 'identity':
      return scope.name;
    case 'refresh':
      return scope.mode === 'offline' ? 'offline_access' : 'online_access';
    case 'extension':
      return scope.name;
    case 'registration':
      return scope.name;
  }
}

function formatResourceScope(scope: ResourceScope, syntax: 'v2' | 'as-written'): string {
  const base = `${scope.level}/${scope.resourceType}.`;
  const v1Word = V1_WORD_BY_LETTERS[scope.permissions];
  if (syntax === 'as-written' && scope.syntax === 'v1' && v1Word !== undefined && scope.query.length === 0) {
    return base + v1Word;
  }
  const query = scope.query.length === 0 ? '' : `?${scope.query.map((p) => `${p.name}=${p.value}`).join('&')}`;
  return base + scope.permissions + query;
}

/** The v2 reading of a scope: v1 resource scopes get `syntax: 'v2'`; every other scope is returned as is. */
export function toV2(scope: Scope): Scope {
  if (scope.type !== 'resource' || scope.syntax === 'v2') return scope;
  return Object.freeze({ ...scope, syntax: 'v2' });
}

/** The v1 word for a v2 letter set (`rs` → `read`), or null when v1 cannot express it. */
export function v1WordFor(permissions: string): string | null {
  return V1_WORD_BY_LETTERS[permissions] ?? null;
}
