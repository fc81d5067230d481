/** What an issued access token carried, as the authorization server recorded it, for introspection. */

export interface IssuedTokenFacts {
  /** The token response's `scope`, exactly. */
  readonly scope: string;
  readonly clientId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly issuer: string;
  /** The user (`sub`) the token acts for, when there is one. */
  readonly subject?: string;
  /** When an id_token was issued: its `iss`, `sub` and `fhirUser`. */
  readonly idToken?: { readonly iss: string; readonly sub: string; readonly fhirUser?: string };
  /** Thumbprint the access token is bound to (DPoP): gives `cnf.jkt` and `token_type: DPoP`. */
  readonly boundJkt?: string;
  readonly tokenType?: string;
  /** Every launch-context member the token response carried (`patient`, `encounter`, `fhirContext`, `need_patient_banner`, `smart_style_url`, `intent`, `tenant`, extensions). */
  readonly context: Readonly<Record<string, unknown>>;
  /** True when its grant (family, client instance) was revoked. */
  readonly revoked?: boolean;
}

export type IntrospectionResponse = { readonly active: false } | ({ readonly active: true } & Readonly<Record<string, unknown>>);
