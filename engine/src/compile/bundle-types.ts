/**
 * The PolicyBundle: what `compilePolicySet` produces and `createEvaluator` consumes. Plain,
 * versioned JSON (no functions, no class instances), so that a bundle can be written to disk,
 * hashed, shipped to another process and loaded there without the parser.
 *
 * Every rule carries a stable id (`grant:patient_apps:allow:patient/Observation.rs`, see `grant-ids.ts`) and the source span it came from, so
 * that every decision can name the rule that made it and point at the policy text.
 */
import type { AccessOptions } from '../access/access-types.js';

/** The value of `format`; a loader refuses anything else. */
export const BUNDLE_FORMAT = 'smart-policy-bundle';
/** The bundle schema version this engine writes and reads. */
export const BUNDLE_VERSION = 1;

/** A 1-based line and column in a policy file. */
export interface BundlePosition {
  readonly line: number;
  readonly column: number;
}

/** Where a rule was written: file URI (as given to the loader) and 1-based range. */
export interface SourceSpan {
  readonly uri: string;
  readonly start: BundlePosition;
  readonly end: BundlePosition;
}

export type ClientType = 'public' | 'confidential-symmetric' | 'confidential-asymmetric';
export type UserType = 'patient' | 'related-person' | 'practitioner' | 'none';
export type RegistrationKind = 'static' | 'trusted-dynamic';
export type LaunchMode = 'ehr' | 'standalone';

/**
 * The token options (questions the SMART App Launch IG leaves open: wildcards and combining scopes,
 * rules tying scopes to launch context, DPoP binding of RFC 9449, the echo of v1 scopes);
 * defined, with defaults and docs, by the options registry (`../options/`). Every member is
 * always present in a bundle: the compiler fills in the defaults.
 */
import type { TokenOptions } from '../options/option-registry.js';
export type { TokenOptions };

/** The policy header, with every option resolved. */
export interface BundlePolicy {
  readonly name: string;
  readonly fhirVersion: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** `revoke_uri`: where people stop an app's access (consent screens link it); absent when not written. */
  readonly revokeUri?: string;
  readonly options: {
    readonly access: AccessOptions;
    readonly token: TokenOptions;
  };
  readonly span: SourceSpan;
}

/**
 * A condition as data (`when …` of the language). The evaluator compiles each to a closure once.
 * `field` names a property of the token request: `launch` (ehr/standalone), `user` (user type),
 * `client` (client type), `grant` (`authorization_code`, `client_credentials`, `refresh_token`,
 * `jwt_bearer`), `bound` (`dpop` when a DPoP key was proved, `client-key` when the client
 * authenticates with its own key); a test holds when the request has any of `in`.
 */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly field: ConditionField; readonly in: readonly string[] };

export type ConditionField = 'launch' | 'user' | 'client' | 'grant' | 'bound';

/** An app class: which clients it describes. An empty list means "any". */
export interface BundleApp {
  readonly id: string;
  readonly name: string;
  /** The class's title as written (`app x "Apps patients use"`): what people are shown, never `name`. */
  readonly title?: string;
  readonly clientTypes: readonly ClientType[];
  readonly authMethods: readonly string[];
  readonly registration: readonly RegistrationKind[];
  readonly clientIds: readonly string[];
  readonly softwareIds: readonly string[];
  readonly userTypes: readonly UserType[];
  readonly launch: readonly LaunchMode[];
  readonly span: SourceSpan;
}

/** One allowed or denied scope of one app class (a grant statement listing n scopes yields n rules). */
export interface BundleGrant {
  /** Stable: `grant:<app>:<name>` for a named rule, else `grant:<app>:<allow|deny>:<scope>[@<condition hash>]` (`grant-ids.ts`). */
  readonly id: string;
  readonly app: string;
  readonly effect: 'allow' | 'deny';
  /** The scope as written in the policy (v1 allowed). */
  readonly scope: string;
  readonly reason?: string;
  readonly when?: Condition;
  readonly span: SourceSpan;
}

/** What a granted scope obliges the server to establish. */
export type ContextNeed =
  | { readonly kind: 'patient' }
  | { readonly kind: 'encounter' }
  | { readonly kind: 'fhirContext'; readonly type: string; readonly role?: string };

/**
 * `<pattern> requires <context>`: granted scopes the pattern covers need the context. A pattern
 * covers the scopes it is a prefix of at a boundary (`patient/*` every patient-level scope,
 * `user/Observation` every user-level Observation scope, `launch/encounter` that scope).
 */
export interface BundleContextRequirement {
  /** `context#<n>`, n counting requirements from 1 in source order. */
  readonly id: string;
  /** The app class it is limited to; absent = every app class. */
  readonly app?: string;
  readonly pattern: string;
  readonly requires: readonly ContextNeed[];
  readonly span: SourceSpan;
}

/** `token carries …` / `introspection echoes …` of one context block. */
export interface BundleContextFields {
  readonly app?: string;
  readonly fields: readonly string[];
  readonly span: SourceSpan;
}

/** Context rules: per-scope requirements plus what token and introspection responses carry. */
export interface BundleContext {
  readonly requirements: readonly BundleContextRequirement[];
  /** Token-response members the policy demands (e.g. `need_patient_banner`). */
  readonly tokenCarries: readonly BundleContextFields[];
  /** Launch-context members introspection echoes (besides the always-required ones). */
  readonly introspectionEchoes: readonly BundleContextFields[];
}

export type RefreshBindingMethod = 'dpop' | 'client-key';
export type RefreshBinding = RefreshBindingMethod | 'none';

/** How `offline_access` / `online_access` tokens of one app class live and die. */
export interface BundleRefreshPolicy {
  /** `refresh:<app>` */
  readonly id: string;
  readonly app: string;
  /** `offline_access` may be granted (subject to `offlineWhen`); default: denied. */
  readonly offline: boolean;
  readonly offlineWhen?: Condition;
  readonly online: boolean;
  readonly onlineWhen?: Condition;
  /** Absolute lifetime in seconds; null = until revoked. */
  readonly lifetime: number | null;
  /** Idle timeout in seconds; null = none. */
  readonly idle: number | null;
  /** Default `every-use` (OAuth 2.1's protection for public clients). */
  readonly rotate: 'every-use' | 'never';
  /** Default `revoke-grant` (the IG's Best Practices: expire the authorization when a refresh token is reused). */
  readonly reuse: 'revoke-grant' | 'reject';
  /** Bindings the policy accepts; with `required`, no refresh token is issued without one of them. */
  readonly binding: { readonly methods: readonly RefreshBindingMethod[]; readonly required: boolean };
  /** Seconds in which a just-rotated token may be presented again by a concurrent retry (default 0). */
  readonly graceSeconds: number;
  readonly remindEvery: number | null;
  readonly reminderCap: { readonly count: number; readonly perSeconds: number } | null;
  readonly span: SourceSpan;
}

/** Trusted dynamic registration (the unmerged "SMART Protected Dynamic Client Registration" proposal, with RFC 7591 and RFC 7523) for one app class. */
export interface BundleRegistrationPolicy {
  /** `registration:<app>` */
  readonly id: string;
  readonly app: string;
  readonly softwareIds: readonly string[];
  /** Maximum age of the initial access token at registration, seconds; null = not limited by the policy. */
  readonly initialTokenMaxAge: number | null;
  readonly initialTokenSingleUse: boolean;
  readonly algorithms: readonly string[];
  /** Lifetime of a registered instance, seconds; null = until revoked. */
  readonly instanceLifetime: number | null;
  readonly instancesPerUser: number | null;
  readonly span: SourceSpan;
}

/**
 * Text for one locale (the explain catalog's `CatalogText`): `short` is a noun phrase for
 * resource types and query values, a whole sentence for scope words; `long` one or two sentences.
 */
export interface ExplanationText {
  readonly short: string;
  readonly long?: string;
  readonly gender?: 'masculine' | 'feminine' | 'neuter';
  readonly number?: 'singular' | 'plural';
  readonly span?: SourceSpan;
  readonly longSpan?: SourceSpan;
  /** Texts for some readers only (`for caregiver`), keyed by audience; their fields replace the general ones. */
  readonly variants?: Readonly<Partial<Record<'patient' | 'caregiver' | 'clinician', ExplanationVariant>>>;
}

/** One audience's variant of an explanation text (`en long "…" for caregiver`). */
export interface ExplanationVariant {
  readonly short?: string;
  readonly long?: string;
  readonly gender?: 'masculine' | 'feminine' | 'neuter';
  readonly number?: 'singular' | 'plural';
  readonly span?: SourceSpan;
  readonly longSpan?: SourceSpan;
}

/** `where <param> = <value> { … }`: text for one query value of a target. */
export interface ExplanationQuery {
  readonly param: string;
  readonly value: string;
  /** `where … sensitive`: consent screens ask a separate opt-in for this data. */
  readonly sensitive?: true;
  readonly texts: Readonly<Record<string, ExplanationText>>;
  readonly span: SourceSpan;
}

/** The `explain` block of one target (resource type, `*` or scope word), texts keyed by locale. */
export interface BundleExplanation {
  readonly target: string;
  /** `explain X sensitive`: consent screens ask a separate opt-in for this data. */
  readonly sensitive?: true;
  readonly texts: Readonly<Record<string, ExplanationText>>;
  readonly queries: readonly ExplanationQuery[];
  readonly span: SourceSpan;
}

/**
 * The `phrasebook <locale> { … }` blocks of one locale, merged (the explain catalog's
 * `CatalogPhrasebook`): ICU MessageFormat 1 sentence frames by key, the noun of `*`, extra
 * jargon words (lower case) and possessives. Frames are kept as written; the renderer uses a
 * language's own frames only when all of them are given and compile.
 */
export interface BundlePhrasebook {
  readonly messages: Readonly<Record<string, string>>;
  readonly wildcard?: {
    readonly short: string;
    readonly long?: string;
    readonly gender?: 'masculine' | 'feminine' | 'neuter';
    readonly number?: 'singular' | 'plural';
  };
  readonly jargon?: readonly string[];
  readonly possessives?: readonly string[];
  /** The first block of this locale. */
  readonly span: SourceSpan;
}

/** Plain JSON (inline test resources). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON object whose members are read as unknown (a FHIR resource of a test). */
export type JsonObject = { readonly [key: string]: unknown };

/** Launch context given to a test request. */
export interface TestContextValues {
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: readonly { readonly reference: string; readonly role?: string }[];
}

/** A `token { … }` request of a policy test, as written (the runner fills in the client). */
export interface TestTokenRequest {
  readonly app?: string;
  readonly clientId?: string;
  /** The language's grant names: `authorization_code`, `client_credentials`, `refresh_token`, `jwt_bearer`. */
  readonly grant?: string;
  readonly launch?: string;
  readonly user?: string;
  readonly scope?: string;
  readonly previousScope?: string;
  readonly context?: TestContextValues;
  readonly bound?: readonly string[];
}

/** An `access { … }` request of a policy test. */
export interface TestAccessRequest {
  readonly scope: string;
  readonly context?: TestContextValues;
  readonly request: { readonly method: string; readonly path: string; readonly query?: string };
  /** An inline resource (the parser accepts only a JSON object here). */
  readonly resource?: JsonObject;
  /** `resource file "…"`, resolved against the policy file's URI; the runner's reader loads it. */
  readonly resourceFile?: string;
}

/** The `expect …` lines of a test; absent members are not checked. */
export interface TestExpectations {
  readonly decision?: 'allow' | 'deny';
  /** Exactly these scopes, order-insensitive (space-separated). */
  readonly granted?: string;
  readonly dropped?: readonly string[];
  readonly error?: string;
  /** Rule ids that must appear among the decision's reasons (or its dropped/narrowed rules). */
  readonly reasons?: readonly string[];
  readonly refresh?: 'issued' | 'none';
}

/**
 * One case of a policy test. A test with a table yields one case per row (rows are expanded by
 * the compiler, so the bundle holds plain requests); `row` is then 1-based.
 */
export interface BundleTestCase {
  /** `test:<name>` or `test:<name>#<row>`. */
  readonly id: string;
  readonly name: string;
  readonly row?: number;
  readonly kind: 'token' | 'access';
  readonly token?: TestTokenRequest;
  readonly access?: TestAccessRequest;
  readonly expect: TestExpectations;
  readonly span: SourceSpan;
}

/** A compiled policy set. */
export interface PolicyBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  /** `sha256:<hex>` over the canonical JSON of the bundle without this member. */
  readonly hash: string;
  /** The files the bundle was compiled from, entry file first. */
  readonly sources: readonly string[];
  readonly policy: BundlePolicy;
  readonly apps: readonly BundleApp[];
  readonly grants: readonly BundleGrant[];
  readonly context: BundleContext;
  readonly refresh: readonly BundleRefreshPolicy[];
  readonly registration: readonly BundleRegistrationPolicy[];
  readonly explanations: readonly BundleExplanation[];
  /** Sentence frames by locale as written (`fr`); absent when the policy set has no phrasebook. */
  readonly phrasebooks?: Readonly<Record<string, BundlePhrasebook>>;
  readonly tests: readonly BundleTestCase[];
}
