/** Public API of the SMART scope model: parse, format, convert, URI form, and the scope-set algebra. */
export type * from './scope-types.js';
export {
  parseScope,
  REGISTRATION_SCOPE,
  parseScopeCached,
  clearScopeCache,
  scopeCacheSize,
  parseScopeList,
  toNormalized,
  SCOPE_ERROR_CODES,
  isExperimentalName,
  V1_PERMISSIONS,
} from './parse-scope.js';
export type { ScopeListEntry, ScopeListResult, NormalizedScope, ScopeErrorCode } from './parse-scope.js';
export { formatScope, toV2, v1WordFor } from './format-scope.js';
export type { FormatScopeOptions } from './format-scope.js';
export { v1ToV2 } from './v1-to-v2.js';
export type { V1ToV2Result } from './v1-to-v2.js';
export { toScopeUri, fromScopeUri, SMART_SCOPE_URI_PREFIX, OPENID_SCOPE_URI_PREFIX } from './scope-uri.js';
export { ScopeSet, ScopeSyntaxError, covers } from './scope-set.js';
export type { ScopeSetInput, ScopeStringOptions } from './scope-set.js';
export type { Grant, QueryConstraint } from './scope-grant.js';
export { lintScope } from './lint-scope.js';
export type { ScopeLint } from './lint-scope.js';
