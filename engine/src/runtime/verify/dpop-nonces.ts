/**
 * Server-provided DPoP nonces (RFC 9449, "Authorization Server-Provided Nonce") without shared
 * state: a nonce is its issue time plus an HMAC of it under a secret every process shares, so
 * any process of a fleet accepts a nonce another issued, until it is `lifetimeSeconds` old.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DpopNonceSource } from './dpop-types.js';

export interface DpopNonceOptions {
  /** At least 32 bytes; the same for every process that accepts the nonces. */
  readonly secret: Uint8Array;
  readonly clock: Clock;
  readonly lifetimeSeconds?: number;
}

export function createDpopNonces({ secret, clock, lifetimeSeconds = 300 }: DpopNonceOptions): DpopNonceSource {
  if (secret.length < 32) throw new RangeError('a DPoP nonce secret needs at least 32 bytes');
  const mac = (time: string) => createHmac('sha256', secret).update(time).digest('base64url');
  return {
    issue() {
      const time = clock().toString(36);
      return `${time}.${mac(time)}`;
    },
    accepts(nonce) {
      if (typeof nonce !== 'string' || nonce.length > 64) return false;
      const [time, tag, extra] = nonce.split('.');
      if (time === undefined || tag === undefined || extra !== undefined || !/^[0-9a-z]{1,10}$/.test(time)) return false;
      const expected = Buffer.from(mac(time));
      const given = Buffer.from(tag);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
      const age = clock() - Number.parseInt(time, 36);
      return age >= -5 && age <= lifetimeSeconds;
    },
  };
}
