/**
 * Entry point of the scope parser: one token (`parseScope`, `parseScopeCached`), a whole
 * `scope` parameter (`parseScopeList`) and the conformance JSON form (`toNormalized`).
 */
export { parseScope, REGISTRATION_SCOPE } from './scope-parser.js';
export { parseScopeCached, clearScopeCache, scopeCacheSize } from './parse-scope-cached.js';
export { parseScopeList } from './parse-scope-list.js';
export type { ScopeListEntry, ScopeListResult } from './parse-scope-list.js';
export { toNormalized } from './normalize-scope.js';
export type { NormalizedScope } from './normalize-scope.js';
export { SCOPE_ERROR_CODES } from './scope-error-codes.js';
export type { ScopeErrorCode } from './scope-error-codes.js';
export { isExperimentalName, V1_PERMISSIONS } from './parse-resource-scope.js';
