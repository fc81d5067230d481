/** Public API of the `smart-policy` engine. */
export type * from './smart/scope-types.js';
export type * from './access/access-types.js';
export * from './smart/index.js';
export * from './access/index.js';
export * from './explain/index.js';
export * from './language/index.js';
export * from './check/index.js';
// Compiler and evaluator (issue 3). Named exports: several bundle type names (Condition,
// ClientType, TokenRequest, …) also exist in the language AST, so they are aliased here.
export {
  compilePolicySet,
  compilePolicyFile,
  loadBundle,
  computeBundleHash,
  canonicalJson,
  DEFAULT_TOKEN_OPTIONS,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  signBundle,
  verifyBundle,
  importBundleKey,
  BundleKeyError,
  BUNDLE_SIGNING_ALGORITHMS,
  SIGNED_BUNDLE_FORMAT,
  SIGNED_BUNDLE_VERSION,
  BUNDLE_JWS_TYPE,
} from './compile/index.js';
export type {
  PolicyBundle,
  BundlePolicy,
  BundleApp,
  BundleGrant,
  BundleContext,
  BundleContextRequirement,
  BundleContextFields,
  BundleRefreshPolicy,
  BundleRegistrationPolicy,
  BundleExplanation,
  BundleTestCase,
  ExplanationText,
  ExplanationQuery,
  TokenOptions,
  SourceSpan,
  ContextNeed,
  Condition as BundleCondition,
  CompileOptions,
  CompileResult,
  PolicySetInput,
  BundleLoadError,
  LoadBundleResult,
  SignedBundle,
  VerifyBundleOptions,
  BundleKey,
  BundleSigningAlgorithm,
} from './compile/index.js';
export { createEvaluator, decideToken, runPolicyTests, tokenRequestOf } from './evaluate/index.js';
export type {
  Evaluator,
  IntrospectionDecision,
  TokenDecision,
  TokenRequest as TokenDecisionRequest,
  TokenClient,
  TokenUser,
  TokenReason,
  TokenError,
  TokenOAuthErrorCode,
  TokenContextDecision,
  DroppedScope,
  NarrowedScope,
  RefreshDecision,
  PolicyTestReport,
  PolicyTestCaseResult,
  RunPolicyTestsOptions,
  TestFailure,
  UncoveredRule,
} from './evaluate/index.js';
// The language service (issue 8): the front end of the CLI and the language server.
export { createLanguageService } from './service/index.js';
export type { LanguageService, LanguageServiceHost, DocumentReader, ParsedDocument, LinkedSet, CheckOptions as LanguageServiceCheckOptions, Location as SourceLocation, ReferenceIndex, SymbolEntry, SymbolHit, SymbolKind } from './service/index.js';
