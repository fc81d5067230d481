/** Public API of the compiler: policy set → PolicyBundle, and loading bundles back. */
export { compilePolicySet } from './compile-policy-set.js';
export type { CompileOptions, CompileResult, PolicySetInput } from './compile-policy-set.js';
export { loadBundle } from './load-bundle.js';
export type { BundleLoadError, LoadBundleResult } from './load-bundle.js';
export { computeBundleHash } from './bundle-hash.js';
export { canonicalJson } from './canonical-json.js';
export { DEFAULT_TOKEN_OPTIONS } from './token-options.js';
export { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-types.js';
export type * from './bundle-types.js';
export {
  signBundle,
  verifyBundle,
  SIGNED_BUNDLE_FORMAT,
  SIGNED_BUNDLE_VERSION,
  BUNDLE_JWS_TYPE,
  isSignedBundleEnvelope,
} from './signed-bundle.js';
export type { SignedBundle, VerifyBundleOptions } from './signed-bundle.js';
export { importBundleKey, BundleKeyError, BUNDLE_SIGNING_ALGORITHMS } from './bundle-keys.js';
export type { BundleKey, BundleSigningAlgorithm } from './bundle-keys.js';
