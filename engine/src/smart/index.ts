/** Public API of the SMART scope model: parse, format, convert, and the scope-set algebra. */
export type * from './scope-types.js';
export * from './parse-scope.js';
export { formatScope, toV2, v1WordFor } from './format-scope.js';
export type { FormatScopeOptions } from './format-scope.js';
