/** Public API of the `smart-policy` engine. */
export type * from './smart/scope-types.js';
export type * from './access/access-types.js';
export * from './smart/index.js';
export * from './access/index.js';
export * from './explain/index.js';
export * from './language/index.js';
export * from './check/index.js';
