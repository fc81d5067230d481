/** Shared HTTP plumbing of the smart-policy servers, and the decision server. */
export { createServerApp, DEFAULT_BODY_LIMIT } from './create-server-app.js';
export type { ServerApp, ServerAppOptions } from './create-server-app.js';
export { oauthErrorHandler } from './error-handler.js';
export { createHttpMetrics } from './http-metrics.js';
export type { HttpMetrics } from './http-metrics.js';
export { oauthError } from './oauth-error.js';
export type { OAuthErrorBody } from './oauth-error.js';
export { validateBody } from './validate-body.js';
export type { BodyCheck } from './validate-body.js';
export { describeStoreSpec, parseStoreSpec } from './store-spec.js';
export type { StoreSpec, StoreSpecResult } from './store-spec.js';
export * from './decision/index.js';
export { createBatchedLogDestination } from './batched-log-destination.js';
export type { BatchedLogDestination, BatchedLogDestinationOptions } from './batched-log-destination.js';
