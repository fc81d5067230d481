/**
 * A refusal with its OAuth error code (RFC 6749 section 5.2, RFC 9449, RFC 7591, RFC 6750).
 * `description` names the check that failed and never carries the presented value (token,
 * assertion, key), so a server can send it to the client and log it as is.
 */
export type RuntimeOAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_client_metadata';

export class OAuthFailure extends Error {
  readonly error: RuntimeOAuthError;
  readonly description: string;
  /** The HTTP status a server answers with (400 unless the error calls for 401 / 403). */
  readonly status: number;
  /** A stable id of the failed check (`assertion.aud`, `dpop.htu`, `refresh.reuse`, …) for tests and metrics. */
  readonly check: string;

  constructor(error: RuntimeOAuthError, check: string, description: string, status?: number) {
    super(`${error}: ${description}`);
    this.name = 'OAuthFailure';
    this.error = error;
    this.check = check;
    this.description = description;
    this.status = status ?? defaultStatus(error);
  }

  /** The JSON body of the error response. */
  toResponse(): { readonly error: RuntimeOAuthError; readonly error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

function defaultStatus(error: RuntimeOAuthError): number {
  if (error === 'invalid_client' || error === 'invalid_token') return 401;
  if (error === 'insufficient_scope') return 403;
  return 400;
}
