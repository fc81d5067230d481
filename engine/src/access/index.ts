/** Public API of resource-server access decisions. */
export type * from './access-types.js';
export { authorize } from './authorize.js';
export { createAccessEvaluator } from './access-evaluator.js';
export type { AccessEvaluator } from './access-evaluator.js';
export { DEFAULT_ACCESS_OPTIONS, resolveAccessOptions } from './access-options.js';
export { prepareToken, isPreparedToken } from './prepared-token.js';
export type { PreparedToken, GrantedScope } from './prepared-token.js';
export { classifyRequest } from './classify-request.js';
export type { ClassifiedRequest, Letter, OperationLevel } from './classify-request.js';
export { isInPatientCompartment, compartmentParamNames } from './patient-compartment.js';
export { compileQuery, matchQuery, matchesQuery } from './query-match.js';
export type { CompiledQuery, CompiledPair } from './query-match.js';
export { narrowingToQuery } from './narrowing.js';
export type { NarrowingQuery } from './narrowing.js';
export { filterSearchBundle } from './filter-search-bundle.js';
export type { FilteredBundle, RemovedEntry } from './filter-search-bundle.js';
export { ACCESS_RULES } from './reasons.js';
