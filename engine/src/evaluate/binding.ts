/**
 * Proof-of-possession a token request carries, checked once (issue 5): a binding counts only
 * with a well-formed key thumbprint, a base64url SHA-256 JWK thumbprint (RFC 7638) of 43
 * characters. An empty or malformed thumbprint is not a binding: the request is treated as
 * unbound, with a reason naming the member (never its value).
 */
import type { TokenReason, TokenRequest } from './token-types.js';

export const BINDING_RULES = {
  malformed: 'token.binding.malformed',
} as const;

/** 32 bytes of SHA-256 in unpadded base64url. */
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** True for a string shaped like a base64url SHA-256 key thumbprint. */
export function isThumbprint(value: unknown): value is string {
  return typeof value === 'string' && THUMBPRINT.test(value);
}

export interface RequestBinding {
  /** The DPoP key thumbprint, when well-formed. */
  readonly dpopJkt: string | undefined;
  /**
   * The thumbprint of the key a confidential-asymmetric client authenticated with, when
   * well-formed and the client is confidential-asymmetric: a `client-key` binding.
   */
  readonly clientKeyJkt: string | undefined;
  /** Why a binding the request offered does not count (malformed thumbprints, a client of the wrong type). */
  readonly problems: readonly TokenReason[];
  /** What the request lacks for `dpop` / `client-key`, for messages. */
  readonly dpopMissing: string;
  readonly clientKeyMissing: string;
}

/** The bindings a (shape-checked) request proves; computed once per decision. Pure; never throws. */
export function bindingOf(request: TokenRequest): RequestBinding {
  const offered = request.binding ?? undefined;
  const problems: TokenReason[] = [];
  const rawDpop = offered?.dpopJkt;
  const rawKey = offered?.clientKeyJkt;
  const dpopJkt = isThumbprint(rawDpop) ? rawDpop : undefined;
  if (rawDpop !== undefined && dpopJkt === undefined) {
    problems.push({
      rule: BINDING_RULES.malformed,
      message: '$.binding.dpopJkt is not a base64url SHA-256 key thumbprint (43 characters), so the request is not DPoP-bound',
    });
  }
  const asymmetric = request.client.type === 'confidential-asymmetric';
  const wellFormedKey = isThumbprint(rawKey) ? rawKey : undefined;
  if (rawKey !== undefined && wellFormedKey === undefined) {
    problems.push({
      rule: BINDING_RULES.malformed,
      message:
        "$.binding.clientKeyJkt is not a base64url SHA-256 key thumbprint (43 characters), so the request is not bound to the client's key",
    });
  } else if (wellFormedKey !== undefined && !asymmetric) {
    problems.push({
      rule: BINDING_RULES.malformed,
      message: `$.binding.clientKeyJkt is ignored: only a confidential-asymmetric client authenticates with its own key, and this client is ${request.client.type}`,
    });
  }
  const clientKeyJkt = asymmetric ? wellFormedKey : undefined;
  return {
    dpopJkt,
    clientKeyJkt,
    problems,
    dpopMissing: rawDpop === undefined ? 'the request carried no DPoP proof' : "the request's DPoP key thumbprint is malformed",
    clientKeyMissing: !asymmetric
      ? `the client is ${request.client.type}, not confidential-asymmetric`
      : rawKey === undefined
        ? "the request carried no thumbprint of the client's key ($.binding.clientKeyJkt)"
        : "the thumbprint of the client's key is malformed",
  };
}
