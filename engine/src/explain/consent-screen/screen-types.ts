/** Inputs and results of the consent screen (`renderConsentScreen`) as plain data. */
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { Audience } from '../explain-types.js';
import type { ExplanationCatalog } from '../explanation-catalog.js';

/** What the app registered about itself (client metadata); every field is optional. */
export interface AppRegistration {
  readonly name?: string;
  /** Absolute https URL of the logo; anything else is not shown. */
  readonly logoUri?: string;
  readonly publisher?: string;
  readonly privacyPolicyUri?: string;
  readonly termsUri?: string;
}

/** The person signed in to the authorization server. */
export interface SignedInUser {
  readonly displayName: string;
  /** Where "Not you?" leads; without it, "Not you?" is a form button (`decision=switch-user`). */
  readonly switchUserUri?: string;
}

/** Where the form posts, with the server's hidden fields (CSRF token, transaction id …). */
export interface ConsentForm {
  readonly action: string;
  readonly hidden?: Readonly<Record<string, string>>;
}

export interface ConsentScreenInput {
  /** The compiled policy (or its explanation catalog, e.g. in the language server). */
  readonly bundle: PolicyBundle | ExplanationCatalog;
  /** The app class the client belongs to (its internal name; never shown). */
  readonly appClass: string;
  /** An explicit locale; else negotiated from `acceptLanguage`; else the policy default. */
  readonly locale?: string;
  readonly acceptLanguage?: string;
  /** Who reads the screen; defaults to the app class's users. */
  readonly audience?: Audience;
  /** The scopes the app asked for (a `scope` parameter or a list). */
  readonly request: { readonly scopes: string | readonly string[] };
  readonly app?: AppRegistration;
  readonly user?: SignedInUser;
  /** The moment of consent: the end date of access is computed from it. */
  readonly now: Date | number | string;
  /** IANA time zone for dates (default `UTC`). */
  readonly timeZone?: string;
  /** Overrides the policy's `revoke_uri`. */
  readonly revokeUri?: string;
  /** Default: `{ action: '' }` (posts back to the page's own URL). */
  readonly form?: ConsentForm;
  /** A stylesheet link instead of the inlined CSS (the docs site shares one file). */
  readonly cssHref?: string;
}

/** Why a group is set apart on the screen. */
export type RiskFlag = 'write' | 'delete' | 'offline-access' | 'everything';

/**
 * - `required`: launch context and identity, shown without a checkbox;
 * - `read`: see and search data; `change`: add or change; `delete`;
 * - `offline` / `online`: refresh tokens; `other`: registration and extension scopes.
 */
export type GroupKind = 'required' | 'read' | 'change' | 'delete' | 'offline' | 'online' | 'other';

/** One choice on the screen, and the exact scopes it stands for. */
export interface ConsentGroup {
  /** Stable for the same request (independent of scope order): `read:patient/Observation`. */
  readonly id: string;
  readonly kind: GroupKind;
  /** Cannot be unticked (launch, identity). */
  readonly required: boolean;
  /** Could reach data the policy marks `sensitive`: a separate opt-in, unticked by default. */
  readonly sensitive: boolean;
  readonly risks: readonly RiskFlag[];
  /** Ticked when the screen opens. */
  readonly checked: boolean;
  /** Canonical v2 scopes (letters split by kind) this group stands for. */
  readonly scopes: readonly string[];
  /** The headline lines (explain's grouped summary of `scopes`). */
  readonly lines: readonly string[];
  /** The long texts of `scopes`, without repeats. */
  readonly details: readonly string[];
}

/** A requested scope the screen leaves out, and why (the developer docs list these). */
export interface OmittedScope {
  readonly scope: string;
  /** `invalid`: not a SMART scope; `not-allowed`: the app class may not get it; `unreachable`: the policy's options make it grant nothing. */
  readonly reason: 'invalid' | 'not-allowed' | 'unreachable';
}

/** Until when access lasts, as data (the screen says it in words). */
export interface AccessPeriod {
  /** ISO 8601 end of access if everything is allowed; null = until revoked. */
  readonly until: string | null;
  /** Seconds without use after which access ends; null = no such limit. */
  readonly idleSeconds: number | null;
  /** Whether the period relies on the `offline` group (without it access ends with the access token). */
  readonly offline: boolean;
}

export interface ConsentScreen {
  /** `consent` for people; `developer` for backend-only classes (no one to ask, no buttons). */
  readonly kind: 'consent' | 'developer';
  readonly html: string;
  readonly locale: string;
  readonly audience: Audience;
  readonly groups: readonly ConsentGroup[];
  readonly omitted: readonly OmittedScope[];
  readonly access: AccessPeriod | null;
}
