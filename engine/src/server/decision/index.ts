/** The decision server: the evaluator's decisions over HTTP. */
export { createDecisionServer } from './create-decision-server.js';
export type { DecisionServer, DecisionServerOptions } from './create-decision-server.js';
export { startFilePolicySource } from './file-policy-source.js';
export type { FilePolicySourceOptions } from './file-policy-source.js';
export { startUrlPolicySource } from './url-policy-source.js';
export type { UrlPolicySourceOptions } from './url-policy-source.js';
export { loadedPolicyOf, PolicyLoadError, staticPolicySource } from './loaded-policy.js';
export type { LoadedPolicy, PolicySource, PolicySourceListener } from './loaded-policy.js';
export { ROUTE_OPERATIONS } from './decision-operations.js';
