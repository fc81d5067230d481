/**
 * Links shown to patients (the policy's `revoke_uri`, an app's logo, privacy policy and terms)
 * must be absolute https URLs: no `javascript:`, `data:` or relative links, no credentials.
 */
/** An absolute https URL (or http on a loopback host) without credentials. */
export function isPatientFacingUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}
