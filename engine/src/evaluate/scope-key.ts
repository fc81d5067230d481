/** The matching key of a non-resource scope: rules and requests with the same key are the same scope. */
import type { Scope } from '../smart/scope-types.js';

/**
 * `launch`, `launch/<type>` (role kept apart, see `scopeRole`), `openid`, `offline_access`,
 * an extension's name, the registration scope. Resource scopes have no key (they are matched by
 * the permission algebra).
 */
export function scopeKey(scope: Scope): string {
  switch (scope.type) {
    case 'resource':
      return `${scope.level}/${scope.resourceType}`;
    case 'launch':
      return 'launch';
    case 'launch-context':
      return `launch/${scope.contextType}`;
    case 'identity':
      return scope.name;
    case 'refresh':
      return scope.mode === 'offline' ? 'offline_access' : 'online_access';
    case 'extension':
    case 'registration':
      return scope.name;
  }
}

/** The role of a `launch/<type>?role=` scope, or null. */
export function scopeRole(scope: Scope): string | null {
  return scope.type === 'launch-context' ? scope.role : null;
}
