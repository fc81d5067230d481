/** The envelope of a signed bundle (see `signed-bundle.ts`): its format name, version and JWS type. */
export const SIGNED_BUNDLE_FORMAT = 'smart-policy-signed-bundle';
export const SIGNED_BUNDLE_VERSION = 1;
/** The JWS `typ` of a bundle signature. */
export const BUNDLE_JWS_TYPE = 'smart-policy-bundle+jws';

/** True for a value that claims to be a signed bundle (its shape is not checked). */
export function isSignedBundleEnvelope(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)['format'] === SIGNED_BUNDLE_FORMAT
  );
}
