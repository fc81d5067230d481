/**
 * The AST of a `.smartpolicy` file.
 *
 * Conventions (stable; later versions only add):
 * - Every node has `kind` (a string literal, the discriminant) and `range` (1-based
 *   line/column, 0-based offset, end exclusive).
 * - Blocks keep their statements as an ordered list of a discriminated union, so duplicates,
 *   order and comments survive; consumers filter by `kind`.
 * - The parser never validates scopes, resource types, search parameters, locales, field names
 *   or key algorithms (open vocabularies — the checker does). It does validate the closed
 *   keyword sets of the language (client types, launch modes, option names and values...):
 *   a word outside the set is kept as a {@link Choice} with `value: undefined` and reported as
 *   `syntax.value.unknown` / `syntax.option.*`.
 * - The AST is produced for any input. A required part that is absent from broken input is
 *   present in the AST with `missing: true`, empty text and a zero-width range where it was
 *   expected (a syntax diagnostic is always reported for it).
 * - `$name` words and `$name` inside strings are test-table variables; they are only valid in
 *   the body of a `test ... with rows` block (the compiler expands one case per row).
 */
import type { Range } from './range.js';

export type { Position, Range } from './range.js';

/** What every node has. */
export interface NodeBase {
  readonly kind: string;
  readonly range: Range;
}

// ─── Leaves ────────────────────────────────────────────────────────────────────────────────

/** A bare word: a name (`portal`), a resource type (`Observation`), a locale (`pt-BR`), `*`. */
export interface Name extends NodeBase {
  readonly kind: 'name';
  readonly text: string;
  /** True when broken input lacked it; then `text` is `''`. */
  readonly missing?: true;
}

/** A double-quoted string. `value` has escapes decoded; `raw` is the source text with quotes. */
export interface StringLiteral extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
  readonly raw: string;
  readonly missing?: true;
}

/**
 * A value that may be written bare or quoted (`laboratory` or `"laboratory"`, a URL after `=`,
 * a table cell). `text` is the decoded value either way.
 */
export interface TextValue extends NodeBase {
  readonly kind: 'text';
  readonly text: string;
  readonly quoted: boolean;
  readonly missing?: true;
}

/**
 * A scope or scope pattern as written: `patient/*.rs`, `openid`, `launch/patient`,
 * `patient/*` (pattern), or a quoted URI scope. Never validated by the parser; the checker uses
 * `parseScope(text)` and maps its offsets into `range` (add 1 to the column when `quoted`).
 */
export interface ScopeRef extends NodeBase {
  readonly kind: 'scope';
  /** The scope text, unquoted and with escapes decoded when it was quoted. */
  readonly text: string;
  readonly quoted: boolean;
  readonly missing?: true;
}

/**
 * A word from a closed set the language defines. `value` is the recognised member, or
 * `undefined` when the word is not in the set (already reported as `syntax.value.unknown`) or
 * is a `$variable` of a table test.
 */
export interface Choice<T extends string = string> extends NodeBase {
  readonly kind: 'choice';
  readonly text: string;
  readonly value: T | undefined;
  readonly missing?: true;
}

export type DurationUnit = 's' | 'm' | 'h' | 'd';

/** `10s`, `10m`, `12h`, `90d`. */
export interface Duration extends NodeBase {
  readonly kind: 'duration';
  readonly text: string;
  readonly amount: number;
  readonly unit: DurationUnit;
  /** The duration in seconds (`90d` → 7 776 000). */
  readonly seconds: number;
  readonly missing?: true;
}

/** A non-negative whole number (`5`, `4`). */
export interface IntegerLiteral extends NodeBase {
  readonly kind: 'integer';
  readonly value: number;
  readonly text: string;
  readonly missing?: true;
}

// ─── Comments and ignore directives ────────────────────────────────────────────────────────

/** A `#` comment. `text` excludes the `#`. */
export interface Comment extends NodeBase {
  readonly kind: 'comment';
  readonly text: string;
  /** True when code precedes it on the same line. */
  readonly trailing: boolean;
}

/**
 * One code of a `# smart-policy-ignore <code>[, <code>] [reason]` (scope `line`) or
 * `# smart-policy-ignore-file <code>[, ...] [reason]` (scope `file`) comment.
 * For `line`, `line` is the line the diagnostic must start on to be ignored: the comment's own
 * line when it trails code, otherwise the next line that holds code.
 * For `file`, `line` is the comment's line. The checker applies them.
 */
export interface IgnoreDirective {
  readonly code: string;
  readonly line: number;
  readonly scope: 'line' | 'file';
  readonly reason?: string;
  /** The range of the code inside the comment (for "unused ignore" diagnostics). */
  readonly range: Range;
}

// ─── File ──────────────────────────────────────────────────────────────────────────────────

/** One parsed `.smartpolicy` file. */
export interface PolicyFile extends NodeBase {
  readonly kind: 'file';
  readonly uri?: string;
  readonly imports: readonly ImportStatement[];
  /** Every top-level block except imports, in source order. */
  readonly declarations: readonly Declaration[];
  readonly comments: readonly Comment[];
  readonly ignores: readonly IgnoreDirective[];
}

/** `import "other.smartpolicy"` — a path relative to the importing file. */
export interface ImportStatement extends NodeBase {
  readonly kind: 'import';
  readonly path: StringLiteral;
}

export type Declaration =
  | PolicyBlock
  | AppBlock
  | GrantBlock
  | ContextBlock
  | RefreshBlock
  | RegistrationBlock
  | ExplainBlock
  | PhrasebookBlock
  | TestBlock;

export type DeclarationKind = Declaration['kind'];

// ─── policy ────────────────────────────────────────────────────────────────────────────────

/** `policy "Example Health" { fhir R4; locales en, es; default locale en; option ... }` */
export interface PolicyBlock extends NodeBase {
  readonly kind: 'policy';
  readonly title: StringLiteral;
  readonly statements: readonly PolicyStatement[];
}

export type PolicyStatement = FhirVersionStatement | LocalesStatement | DefaultLocaleStatement | OptionStatement | RevokeUriStatement;

/** `revoke_uri "https://portal.example.org/connected-apps"`: where people stop an app's access. */
export interface RevokeUriStatement extends NodeBase {
  readonly kind: 'policy.revoke-uri';
  readonly uri: StringLiteral;
}

/** `fhir R4` (the checker knows which versions exist). */
export interface FhirVersionStatement extends NodeBase {
  readonly kind: 'policy.fhir';
  readonly version: Name;
}

/** `locales en, es, pt-BR` */
export interface LocalesStatement extends NodeBase {
  readonly kind: 'policy.locales';
  readonly locales: readonly Name[];
}

/** `default locale en` */
export interface DefaultLocaleStatement extends NodeBase {
  readonly kind: 'policy.default-locale';
  readonly locale: Name;
}

/**
 * `option search.query_restricted narrow`, `option operation "$everything" rs`.
 * Names and values are checked against `POLICY_OPTIONS` (see `vocabulary.ts`) by the parser;
 * `known` is false for an unknown option name.
 */
export interface OptionStatement extends NodeBase {
  readonly kind: 'policy.option';
  readonly name: Name;
  readonly values: readonly TextValue[];
  readonly known: boolean;
}

// ─── app ───────────────────────────────────────────────────────────────────────────────────

export type ClientType = 'public' | 'confidential-symmetric' | 'confidential-asymmetric';
export type AuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
export type RegistrationKind = 'static' | 'trusted-dynamic';
export type UserType = 'patient' | 'related-person' | 'practitioner' | 'none';
export type LaunchMode = 'ehr' | 'standalone';

/** `app portal "Patient portal apps" { client public; user patient, related-person; ... }` */
export interface AppBlock extends NodeBase {
  readonly kind: 'app';
  readonly name: Name;
  readonly title?: StringLiteral;
  readonly statements: readonly AppStatement[];
}

export type AppStatement =
  | AppClientTypes
  | AppAuthMethods
  | AppRegistrationKinds
  | AppClientIds
  | AppSoftwareIds
  | AppUserTypes
  | AppLaunchModes;

/** `client public, confidential-asymmetric` */
export interface AppClientTypes extends NodeBase {
  readonly kind: 'app.client';
  readonly values: readonly Choice<ClientType>[];
}

/** `auth none, private_key_jwt` */
export interface AppAuthMethods extends NodeBase {
  readonly kind: 'app.auth';
  readonly values: readonly Choice<AuthMethod>[];
}

/** `registration static, trusted-dynamic` */
export interface AppRegistrationKinds extends NodeBase {
  readonly kind: 'app.registration';
  readonly values: readonly Choice<RegistrationKind>[];
}

/** `client_id "growth-chart", "my-phr"` */
export interface AppClientIds extends NodeBase {
  readonly kind: 'app.client-id';
  readonly values: readonly StringLiteral[];
}

/** `software_id "com.example.phr"` */
export interface AppSoftwareIds extends NodeBase {
  readonly kind: 'app.software-id';
  readonly values: readonly StringLiteral[];
}

/** `user patient, related-person` (`none`: backend services, no user). */
export interface AppUserTypes extends NodeBase {
  readonly kind: 'app.user';
  readonly values: readonly Choice<UserType>[];
}

/** `launch ehr, standalone` */
export interface AppLaunchModes extends NodeBase {
  readonly kind: 'app.launch';
  readonly values: readonly Choice<LaunchMode>[];
}

// ─── grant ─────────────────────────────────────────────────────────────────────────────────

/** `grant portal { allow ...; deny ... }` — the rules for the apps of one app class. */
export interface GrantBlock extends NodeBase {
  readonly kind: 'grant';
  /** The app class (an `app` block's name). */
  readonly app: Name;
  readonly title?: StringLiteral;
  readonly rules: readonly GrantRule[];
}

/** `allow patient/*.rs, launch/patient when launch is standalone because "..."` */
export interface GrantRule extends NodeBase {
  readonly kind: 'grant.rule';
  readonly effect: 'allow' | 'deny';
  /** `allow as <name> …`: the rule's stable id in decisions (`grant:<app>:<name>`). */
  readonly name?: Name;
  readonly scopes: readonly ScopeRef[];
  readonly condition?: Condition;
  readonly because?: StringLiteral;
}

export type GrantType = 'authorization_code' | 'client_credentials' | 'refresh_token' | 'jwt_bearer';
export type Binding = 'dpop' | 'client-key';

export type Condition = AndCondition | OrCondition | NotCondition | IsCondition;

/** `a and b and c` (nested `and`s are flattened; parentheses are not kept). */
export interface AndCondition extends NodeBase {
  readonly kind: 'cond.and';
  readonly operands: readonly Condition[];
}

/** `a or b or c` (flattened like `and`). */
export interface OrCondition extends NodeBase {
  readonly kind: 'cond.or';
  readonly operands: readonly Condition[];
}

/** `not a` */
export interface NotCondition extends NodeBase {
  readonly kind: 'cond.not';
  readonly operand: Condition;
}

/**
 * One test on the request:
 * `launch is ehr` · `user is patient, related-person` · `client is public` ·
 * `grant is client_credentials` · `bound by dpop, client-key`.
 * A list means "any of".
 */
export type IsCondition =
  | IsTest<'launch', LaunchMode>
  | IsTest<'user', UserType>
  | IsTest<'client', ClientType>
  | IsTest<'grant', GrantType>
  | IsTest<'bound', Binding>;

export interface IsTest<S extends string, V extends string> extends NodeBase {
  readonly kind: 'cond.is';
  readonly subject: S;
  readonly values: readonly Choice<V>[];
}

export type ConditionSubject = IsCondition['subject'];

// ─── context ───────────────────────────────────────────────────────────────────────────────

/** `context [app] { patient/* requires patient; token carries ...; introspection echoes ... }` */
export interface ContextBlock extends NodeBase {
  readonly kind: 'context';
  /** When present, the requirements apply to this app class only; otherwise to all. */
  readonly app?: Name;
  readonly statements: readonly ContextStatement[];
}

export type ContextStatement = ContextRequirement | TokenCarries | IntrospectionEchoes;

/** `patient/* requires patient` · `launch/imagingstudy requires fhirContext ImagingStudy role "https://..."` */
export interface ContextRequirement extends NodeBase {
  readonly kind: 'context.requires';
  /** A scope or scope pattern (`patient/*`, `user/Observation`, `launch/patient`). */
  readonly pattern: ScopeRef;
  readonly requirements: readonly ContextItem[];
}

export type ContextParameter = 'patient' | 'encounter' | 'fhirContext';

/** `patient` · `encounter` · `fhirContext ImagingStudy [role "uri"]` */
export interface ContextItem extends NodeBase {
  readonly kind: 'context.item';
  readonly parameter: Choice<ContextParameter>;
  /** For `fhirContext`: the resource type of the item. */
  readonly resourceType?: TextValue;
  readonly role?: StringLiteral;
}

/** `token carries patient, encounter, need_patient_banner` (field names: checker). */
export interface TokenCarries extends NodeBase {
  readonly kind: 'context.token-carries';
  readonly fields: readonly Name[];
}

/** `introspection echoes patient, encounter, fhirContext` (field names: checker). */
export interface IntrospectionEchoes extends NodeBase {
  readonly kind: 'context.introspection-echoes';
  readonly fields: readonly Name[];
}

// ─── refresh ───────────────────────────────────────────────────────────────────────────────

/** `refresh portal { offline_access allowed when bound by dpop; lifetime 90d; ... }` */
export interface RefreshBlock extends NodeBase {
  readonly kind: 'refresh';
  readonly app: Name;
  readonly statements: readonly RefreshStatement[];
}

export type RefreshStatement =
  | RefreshAccess
  | RefreshLifetime
  | RefreshIdle
  | RefreshRotate
  | RefreshReuse
  | RefreshBind
  | RefreshGrace
  | RefreshRemindEvery
  | RefreshRemindCap;

/** `offline_access allowed [when <condition>]` · `online_access denied` */
export interface RefreshAccess extends NodeBase {
  readonly kind: 'refresh.access';
  readonly mode: 'offline' | 'online';
  readonly allowed: boolean;
  /** Only with `allowed`. */
  readonly condition?: Condition;
}

/** `lifetime 90d` — absolute lifetime of the grant's refresh tokens. */
export interface RefreshLifetime extends NodeBase {
  readonly kind: 'refresh.lifetime';
  readonly duration: Duration;
}

/** `idle 30d` — expires after this long without use. */
export interface RefreshIdle extends NodeBase {
  readonly kind: 'refresh.idle';
  readonly duration: Duration;
}

/** `rotate on every use` · `rotate never` */
export interface RefreshRotate extends NodeBase {
  readonly kind: 'refresh.rotate';
  readonly rotate: 'every-use' | 'never';
}

/** `on reuse revoke grant` · `on reuse reject` */
export interface RefreshReuse extends NodeBase {
  readonly kind: 'refresh.reuse';
  readonly action: 'revoke-grant' | 'reject';
}

/** `bind dpop, client-key [required]` · `bind none` */
export interface RefreshBind extends NodeBase {
  readonly kind: 'refresh.bind';
  readonly bindings: readonly Choice<Binding | 'none'>[];
  readonly required: boolean;
}

/** `grace 10s` — a rotated-out token still works this long (concurrent retries). */
export interface RefreshGrace extends NodeBase {
  readonly kind: 'refresh.grace';
  readonly duration: Duration;
}

/** `remind every 90d` */
export interface RefreshRemindEvery extends NodeBase {
  readonly kind: 'refresh.remind-every';
  readonly duration: Duration;
}

/** `remind at most 4 per 365d` — per-user reminder cap. */
export interface RefreshRemindCap extends NodeBase {
  readonly kind: 'refresh.remind-cap';
  readonly count: IntegerLiteral;
  readonly per: Duration;
}

// ─── registration ──────────────────────────────────────────────────────────────────────────

/** `registration phr { software_id "..."; initial_token max_age 10m; ... }` (the persistent-access proposal). */
export interface RegistrationBlock extends NodeBase {
  readonly kind: 'registration';
  readonly app: Name;
  readonly statements: readonly RegistrationStatement[];
}

export type RegistrationStatement =
  | RegistrationSoftwareIds
  | RegistrationInitialTokenMaxAge
  | RegistrationInitialTokenSingleUse
  | RegistrationAlgorithms
  | RegistrationInstanceLifetime
  | RegistrationInstancesPerUser;

/** `software_id "com.example.phr", "com.example.phr.beta"` */
export interface RegistrationSoftwareIds extends NodeBase {
  readonly kind: 'registration.software-id';
  readonly values: readonly StringLiteral[];
}

/** `initial_token max_age 10m` */
export interface RegistrationInitialTokenMaxAge extends NodeBase {
  readonly kind: 'registration.initial-token-max-age';
  readonly duration: Duration;
}

/** `initial_token single use` */
export interface RegistrationInitialTokenSingleUse extends NodeBase {
  readonly kind: 'registration.initial-token-single-use';
}

/** `algorithms ES384, RS384` (names: checker). */
export interface RegistrationAlgorithms extends NodeBase {
  readonly kind: 'registration.algorithms';
  readonly values: readonly Name[];
}

/** `instance lifetime 365d` */
export interface RegistrationInstanceLifetime extends NodeBase {
  readonly kind: 'registration.instance-lifetime';
  readonly duration: Duration;
}

/** `instances per user 5` */
export interface RegistrationInstancesPerUser extends NodeBase {
  readonly kind: 'registration.instances-per-user';
  readonly count: IntegerLiteral;
}

// ─── explain ───────────────────────────────────────────────────────────────────────────────

export type TextForm = 'short' | 'long';
export type Gender = 'masculine' | 'feminine' | 'neuter';
export type GrammaticalNumber = 'singular' | 'plural';
/** Who reads a consent screen; an explain text may be written for some of them only. */
export type TextAudience = 'patient' | 'caregiver' | 'clinician';

/**
 * `explain Observation { en "lab results and measurements" feminine plural; ... }`.
 * `target` is a resource type, `*`, or another scope word (`offline_access`); the checker
 * decides which are valid.
 */
export interface ExplainBlock extends NodeBase {
  readonly kind: 'explain';
  readonly target: Name;
  /** `explain X sensitive {`: consent screens ask a separate, unticked opt-in for this data. */
  readonly sensitive?: boolean;
  readonly statements: readonly ExplainStatement[];
}

export type ExplainStatement = ExplainText | ExplainWhere;

/** `es long "..." feminine plural` — `form` absent means the short form. */
export interface ExplainText extends NodeBase {
  readonly kind: 'explain.text';
  readonly locale: Name;
  readonly form?: Choice<TextForm>;
  readonly text: StringLiteral;
  readonly gender?: Choice<Gender>;
  readonly number?: Choice<GrammaticalNumber>;
  /** `for caregiver, clinician`: the text is a variant for these readers; absent = for everyone without a variant. */
  readonly audiences?: readonly Choice<TextAudience>[];
}

/** `where category = http://...|laboratory { en "your lab results" }` */
export interface ExplainWhere extends NodeBase {
  readonly kind: 'explain.where';
  /** A search parameter name, modifiers and chains kept (`code:in`). */
  readonly param: Name;
  readonly value: TextValue;
  /** `where … sensitive {`: this query value's data needs its own opt-in. */
  readonly sensitive?: boolean;
  readonly texts: readonly ExplainText[];
}

// ─── phrasebook ────────────────────────────────────────────────────────────────────────────

/**
 * `phrasebook fr { message verb "{letter, select, r {voir} …}"; wildcard "informations de santé"
 * feminine plural; jargon "observation"; possessive "votre", "vos" }` — the sentence frames of
 * a language the built-in phrasebook lacks (or overrides of a built-in one). `locale` is not
 * validated by the parser, message keys and ICU syntax are checked by the checker.
 */
export interface PhrasebookBlock extends NodeBase {
  readonly kind: 'phrasebook';
  readonly locale: Name;
  readonly statements: readonly PhrasebookStatement[];
}

export type PhrasebookStatement = PhrasebookMessage | PhrasebookWildcard | PhrasebookWords;

/** `message resourceShort "{verbs} {data}"` — one ICU MessageFormat 1 frame. */
export interface PhrasebookMessage extends NodeBase {
  readonly kind: 'phrasebook.message';
  readonly key: Name;
  readonly text: StringLiteral;
}

/** `wildcard [short|long] "informations de santé" feminine plural` — the noun of `*`. */
export interface PhrasebookWildcard extends NodeBase {
  readonly kind: 'phrasebook.wildcard';
  readonly form?: Choice<TextForm>;
  readonly text: StringLiteral;
  readonly gender?: Choice<Gender>;
  readonly number?: Choice<GrammaticalNumber>;
}

/** `jargon "observation", "rencontre"` / `possessive "votre", "vos"`. */
export interface PhrasebookWords extends NodeBase {
  readonly kind: 'phrasebook.jargon' | 'phrasebook.possessive';
  readonly values: readonly StringLiteral[];
}

// ─── test ──────────────────────────────────────────────────────────────────────────────────

/**
 * `test "name" { token { ... } expect granted "..." }` or
 * `test "name" with rows { | a | b | | "x" | "y" | } { ... $a ... }`.
 */
export interface TestBlock extends NodeBase {
  readonly kind: 'test';
  readonly name: StringLiteral;
  readonly table?: TestTable;
  readonly statements: readonly TestStatement[];
}

/** The first row holds the column names; every other row is one case. */
export interface TestTable extends NodeBase {
  readonly kind: 'test.table';
  readonly columns: readonly Name[];
  readonly rows: readonly TestRow[];
}

export interface TestRow extends NodeBase {
  readonly kind: 'test.row';
  readonly cells: readonly TextValue[];
}

export type TestStatement = TokenRequest | AccessRequestBlock | Expectation;

export type LaunchParameter = ContextParameter;

/** `token { app portal; scope "patient/*.rs launch/patient"; ... }` — a token request. */
export interface TokenRequest extends NodeBase {
  readonly kind: 'test.token';
  readonly statements: readonly TokenField[];
}

export type TokenField =
  | TokenApp
  | TokenClientId
  | TokenGrant
  | TokenLaunch
  | TokenUser
  | TokenScope
  | TokenPreviousScope
  | TestContext
  | TokenBound;

/** `app portal` */
export interface TokenApp extends NodeBase {
  readonly kind: 'token.app';
  readonly app: Name;
}

/** `client_id "growth-chart"` */
export interface TokenClientId extends NodeBase {
  readonly kind: 'token.client-id';
  readonly value: StringLiteral;
}

/** `grant authorization_code` */
export interface TokenGrant extends NodeBase {
  readonly kind: 'token.grant';
  readonly grant: Choice<GrantType>;
}

/** `launch ehr` */
export interface TokenLaunch extends NodeBase {
  readonly kind: 'token.launch';
  readonly mode: Choice<LaunchMode>;
}

/** `user patient` */
export interface TokenUser extends NodeBase {
  readonly kind: 'token.user';
  readonly user: Choice<UserType>;
}

/** `scope "patient/*.rs openid"` — the requested `scope` parameter, space-separated as on the wire. */
export interface TokenScope extends NodeBase {
  readonly kind: 'token.scope';
  readonly value: StringLiteral;
}

/** `previous scope "..."` — for `grant refresh_token`: the scopes the refresh token carries. */
export interface TokenPreviousScope extends NodeBase {
  readonly kind: 'token.previous-scope';
  readonly value: StringLiteral;
}

/** `bound by dpop` — the request carries a valid proof of that kind. */
export interface TokenBound extends NodeBase {
  readonly kind: 'token.bound';
  readonly binding: Choice<Binding>;
}

/** `context patient "123"` · `context fhirContext "ImagingStudy/9" role "https://..."` (token and access). */
export interface TestContext extends NodeBase {
  readonly kind: 'test.context';
  readonly parameter: Choice<LaunchParameter>;
  readonly value: StringLiteral;
  readonly role?: StringLiteral;
}

/** `access { scope "..."; context patient "123"; request GET "Observation/o1"; resource {...} }` */
export interface AccessRequestBlock extends NodeBase {
  readonly kind: 'test.access';
  readonly statements: readonly AccessField[];
}

export type AccessField = AccessScope | TestContext | AccessHttpRequest | AccessResource | AccessResourceFile;

/** `scope "patient/Observation.rs"` — the granted scopes, space-separated. */
export interface AccessScope extends NodeBase {
  readonly kind: 'access.scope';
  readonly value: StringLiteral;
}

/** `request GET "Observation" query "code=x"` (method: checker). */
export interface AccessHttpRequest extends NodeBase {
  readonly kind: 'access.request';
  readonly method: Name;
  readonly path: StringLiteral;
  readonly query?: StringLiteral;
}

/** `resource { "resourceType": "Observation", ... }` — the stored instance, inline JSON. */
export interface AccessResource extends NodeBase {
  readonly kind: 'access.resource';
  readonly json: JsonObject;
}

/** `resource file "fixtures/obs.json"` — relative to the policy file. */
export interface AccessResourceFile extends NodeBase {
  readonly kind: 'access.resource-file';
  readonly path: StringLiteral;
}

export type Expectation = ExpectGranted | ExpectDropped | ExpectDecision | ExpectError | ExpectReason | ExpectRefresh;

/** `expect granted "patient/Observation.rs openid"` — exactly these scopes (order-insensitive). */
export interface ExpectGranted extends NodeBase {
  readonly kind: 'expect.granted';
  readonly value: StringLiteral;
}

/** `expect dropped patient/*.cud, offline_access` */
export interface ExpectDropped extends NodeBase {
  readonly kind: 'expect.dropped';
  readonly scopes: readonly ScopeRef[];
}

/** `expect allow` · `expect deny` (also written `expect decision allow`). */
export interface ExpectDecision extends NodeBase {
  readonly kind: 'expect.decision';
  readonly decision: Choice<'allow' | 'deny'>;
}

/** `expect error invalid_scope` (OAuth error code: checker). */
export interface ExpectError extends NodeBase {
  readonly kind: 'expect.error';
  readonly error: Name;
}

/** `expect reason "access.letter-missing"` — a rule id among the reasons. */
export interface ExpectReason extends NodeBase {
  readonly kind: 'expect.reason';
  readonly rule: StringLiteral;
}

/** `expect refresh issued` · `expect refresh none` */
export interface ExpectRefresh extends NodeBase {
  readonly kind: 'expect.refresh';
  /** True when the word is `issued`. */
  readonly issued: boolean;
  /** The word as written (a `$variable` in table tests). */
  readonly value: Choice<'issued' | 'none'>;
}

// ─── JSON (inline resources) ───────────────────────────────────────────────────────────────

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonObject extends NodeBase {
  readonly kind: 'json.object';
  readonly members: readonly JsonMember[];
}

export interface JsonMember extends NodeBase {
  readonly kind: 'json.member';
  readonly key: StringLiteral;
  readonly value: JsonNode;
}

export interface JsonArray extends NodeBase {
  readonly kind: 'json.array';
  readonly items: readonly JsonNode[];
}

export interface JsonString extends NodeBase {
  readonly kind: 'json.string';
  readonly value: string;
  readonly raw: string;
}

export interface JsonNumber extends NodeBase {
  readonly kind: 'json.number';
  readonly value: number;
  readonly text: string;
}

export interface JsonBoolean extends NodeBase {
  readonly kind: 'json.boolean';
  readonly value: boolean;
}

export interface JsonNull extends NodeBase {
  readonly kind: 'json.null';
}

// ─── Unions for walkers ────────────────────────────────────────────────────────────────────

/** Every statement kind inside any block. */
export type Statement =
  | PolicyStatement
  | AppStatement
  | GrantRule
  | ContextStatement
  | RefreshStatement
  | RegistrationStatement
  | ExplainStatement
  | TestStatement
  | TokenField
  | AccessField;

/** Every node kind. */
export type AstNode =
  | PolicyFile
  | ImportStatement
  | Declaration
  | Statement
  | Condition
  | ContextItem
  | TestTable
  | TestRow
  | JsonNode
  | JsonMember
  | Name
  | StringLiteral
  | TextValue
  | ScopeRef
  | Choice
  | Duration
  | IntegerLiteral
  | Comment;
