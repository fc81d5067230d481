/**
 * A policy served as a compiled bundle at a URL, so a fleet of servers follows one policy: polled
 * with `If-None-Match` (an unchanged bundle costs a 304), each download bounded in time and size.
 * A bundle whose content hash does not verify (or, with a verify key, whose signature does not)
 * is refused and the last good one stays in force; so does one that cannot be fetched.
 */
import type { BundleKey } from '../../compile/bundle-keys.js';
import { loadBundle, type LoadBundleResult } from '../../compile/load-bundle.js';
import { verifyBundle } from '../../compile/signed-bundle.js';
import { type LoadedPolicy, loadedPolicyOf, PolicyLoadError, type PolicySource, type PolicySourceListener } from './loaded-policy.js';

export interface UrlPolicySourceOptions {
  /** Time between polls (default 5 s). */
  readonly intervalMs?: number;
  /** Time limit of one download (default 5 s). */
  readonly timeoutMs?: number;
  /** Size limit of one bundle, bytes (default 16 MiB). */
  readonly maxBytes?: number;
  /** When set, the bundle must be signed with this key's private key. */
  readonly verifyKey?: BundleKey;
}

type Fetched =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'bundle'; readonly policy: LoadedPolicy; readonly etag: string | null }
  | { readonly kind: 'refused'; readonly reason: string };

async function readBounded(response: Response, maxBytes: number): Promise<string | null> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

async function fetchBundle(url: string, etag: string | null, options: UrlPolicySourceOptions): Promise<Fetched> {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...(etag !== null ? { 'if-none-match': etag } : {}) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { kind: 'refused', reason: timedOut ? 'the policy URL did not answer in time' : 'the policy URL could not be reached' };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (response.status !== 200) {
    await response.body?.cancel();
    return { kind: 'refused', reason: `the policy URL answered HTTP ${response.status}` };
  }
  const text = await readBounded(response, maxBytes).catch(() => undefined);
  if (text === undefined) return { kind: 'refused', reason: 'the policy download failed' };
  if (text === null) return { kind: 'refused', reason: `the bundle is larger than ${maxBytes} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'refused', reason: 'the bundle is not valid JSON' };
  }
  const loaded: LoadBundleResult =
    options.verifyKey !== undefined ? await verifyBundle(value, { verifyKey: options.verifyKey }) : loadBundle(value);
  if (!loaded.ok) {
    const first = loaded.errors[0];
    return { kind: 'refused', reason: `the bundle was refused: ${first !== undefined ? `${first.path}: ${first.message}` : 'invalid'}` };
  }
  return { kind: 'bundle', policy: loadedPolicyOf(loaded.bundle), etag: response.headers.get('etag') };
}

/** Downloads the bundle now (throws PolicyLoadError when that fails) and polls for new versions. */
export async function startUrlPolicySource(
  url: string,
  listener: PolicySourceListener,
  options: UrlPolicySourceOptions = {},
): Promise<PolicySource> {
  const first = await fetchBundle(url, null, options);
  if (first.kind !== 'bundle')
    throw new PolicyLoadError(first.kind === 'refused' ? first.reason : 'the policy URL answered 304 to a first request');
  let current = first.policy;
  let etag = first.etag;
  listener.loaded(current, true);

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    const next = await fetchBundle(url, etag, options);
    if (closed) return;
    if (next.kind === 'refused') listener.rejected(next.reason);
    else if (next.kind === 'bundle') {
      etag = next.etag;
      if (next.policy.hash !== current.hash) {
        current = next.policy;
        listener.loaded(current, false);
      }
    }
    timer = setTimeout(() => void poll(), options.intervalMs ?? 5000);
    timer.unref();
  };
  timer = setTimeout(() => void poll(), options.intervalMs ?? 5000);
  timer.unref();
  return {
    kind: 'url',
    current: () => current,
    close: () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
