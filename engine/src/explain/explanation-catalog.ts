/**
 * The plain data the consent renderer reads: a policy's explanation blocks, its locales and the
 * refresh lifetimes that the `offline_access` sentence quotes. The compiler produces it into a
 * bundle (`catalogFromBundle`), the language server from an AST (`catalogFromAst`); tests and
 * library users may write one by hand. No functions, no class instances.
 *
 * Text semantics (what a policy author writes in an `explain` block):
 * - `short` is a plain **noun phrase without a possessive or article**: "lab results",
 *   "resultados de laboratorio". The renderer adds the verbs and whose data it is ("your", "the
 *   patient's", "all patients'") from one ICU message per language, so one noun serves every
 *   audience. A leading possessive ("your", "sus") is tolerated and dropped, and linted.
 * - `long` is one or two plain **sentences** that describe what the data includes ("Lab
 *   results include blood and urine tests."). It is shown after the generated first sentence.
 * - `gender` and `number` describe the short noun phrase, so languages that agree articles and
 *   adjectives (Spanish "los/las", "todos/todas") can render it; defaults: masculine, plural.
 * - For targets that are scope words rather than resource types (`offline_access`,
 *   `launch/patient`, an extension scope), `short` and `long` are whole sentences that replace
 *   the built-in ones.
 */

/** A 1-based line/column range in a policy file, for lints that point at explanation text. */
export interface CatalogSpan {
  readonly uri?: string;
  /** 1-based line and column; `offset` (0-based) when the span came from an AST. */
  readonly start: { readonly line: number; readonly column: number; readonly offset?: number };
  readonly end: { readonly line: number; readonly column: number; readonly offset?: number };
}

export type CatalogGender = 'masculine' | 'feminine' | 'neuter';
export type CatalogNumber = 'singular' | 'plural';

/** Who reads a consent screen (the `Audience` of `explain`). */
export type CatalogAudience = 'patient' | 'caregiver' | 'clinician';

/** A text written for some readers only (`en long "…" for caregiver`); its fields replace the general ones. */
export interface CatalogVariant {
  readonly short?: string;
  readonly long?: string;
  readonly gender?: CatalogGender;
  readonly number?: CatalogNumber;
  readonly span?: CatalogSpan;
  readonly longSpan?: CatalogSpan;
}

/** The text of one target (or one query value) in one locale. */
export interface CatalogText {
  /** For every reader without a variant; `''` when the locale has only variants. */
  readonly short: string;
  readonly long?: string;
  readonly gender?: CatalogGender;
  readonly number?: CatalogNumber;
  /** Where the short text was written. */
  readonly span?: CatalogSpan;
  /** Where the long text was written. */
  readonly longSpan?: CatalogSpan;
  /**
   * Texts for one audience (`for caregiver`), so a caregiver is not told the data is theirs:
   * "Vaccines the patient has had" instead of "Vaccines you have had".
   */
  readonly variants?: Readonly<Partial<Record<CatalogAudience, CatalogVariant>>>;
}

/** Texts keyed by locale tag as declared in the policy (`en`, `es`, `pt-BR`). */
export type CatalogTexts = Readonly<Record<string, CatalogText>>;

/** `where <param> = <value> { … }`: the data a query-restricted scope narrows to. */
export interface CatalogQuery {
  /** Parameter name as written, modifiers and chains kept (`category`, `code:in`). */
  readonly param: string;
  /** Value as written (`http://terminology.hl7.org/CodeSystem/observation-category|laboratory`). */
  readonly value: string;
  readonly texts: CatalogTexts;
  readonly span?: CatalogSpan;
  /** `where … sensitive`: consent screens ask a separate, unticked opt-in for this data. */
  readonly sensitive?: true;
}

/** The explanation block of one target: a resource type, `*`, or a scope word. */
export interface CatalogEntry {
  readonly target: string;
  readonly texts: CatalogTexts;
  readonly queries: readonly CatalogQuery[];
  readonly span?: CatalogSpan;
  /** `explain X sensitive`: consent screens ask a separate, unticked opt-in for this data. */
  readonly sensitive?: true;
}

/** How long `offline_access` may last, as the policy's refresh rules say (seconds; null = no limit). */
export interface CatalogOfflineAccess {
  readonly lifetimeSeconds: number | null;
  readonly idleSeconds: number | null;
}

/** One app class and the scopes it may be granted, for the docs site and coverage lints. */
export interface CatalogAppClass {
  readonly name: string;
  /** The class's title (`app x "Apps patients use"`): what people see instead of `name`. */
  readonly label?: string;
  /** Who uses apps of this class; decides the wording of the preview (`system`: backend services). */
  readonly audience: 'patient' | 'caregiver' | 'clinician' | 'system';
  /** Scopes the policy allows this class, as written. */
  readonly allowed: readonly string[];
  /** Scopes the policy denies this class, as written, with the reason when given. */
  readonly denied: readonly { readonly scope: string; readonly reason?: string }[];
  /** Refresh limits of this class, when it may get `offline_access`. */
  readonly offlineAccess?: CatalogOfflineAccess;
}

/**
 * Sentence frames for a language the built-in phrasebook does not cover (or overrides for one
 * it does): ICU MessageFormat 1 strings under the same keys as the built-in frames (see
 * `phrasebook/phrasebook-types.ts`). A locale without built-in frames is rendered only when
 * every key is given and compiles; resource nouns come from the catalog's entries.
 */
export interface CatalogPhrasebook {
  readonly messages: Readonly<Record<string, string>>;
  /** The noun of `*` ("health information"), used with "all"; required without a built-in language. */
  readonly wildcard?: { readonly short: string; readonly long?: string; readonly gender?: CatalogGender; readonly number?: CatalogNumber };
  /** Words patients may not know in this language, lower case, for the jargon lint. */
  readonly jargon?: readonly string[];
  /** Leading possessives authors may write before a noun, dropped when rendering. */
  readonly possessives?: readonly string[];
}

/** Everything the renderer, the docs site and the consent lints read from a policy. */
export interface ExplanationCatalog {
  /** Policy name, for page titles. */
  readonly name?: string;
  /** Declared locales, in policy order. */
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** Entries keyed by target (`Observation`, `*`, `offline_access`). */
  readonly entries: Readonly<Record<string, CatalogEntry>>;
  /** Policy-wide offline limits (the longest an app class may keep access), when known. */
  readonly offlineAccess?: CatalogOfflineAccess;
  readonly appClasses?: readonly CatalogAppClass[];
  /** The policy's `revoke_uri`: where people stop an app's access. */
  readonly revokeUri?: string;
  /** Sentence frames per locale for languages beyond the built-in English and Spanish. */
  readonly phrasebooks?: Readonly<Record<string, CatalogPhrasebook>>;
  /**
   * The policy's `patient.non_compartment_types` option: patient-level scopes on types outside
   * the Patient compartment are refused (`deny`) or only read and searched; unknown = not checked.
   */
  readonly patientNonCompartmentTypes?: 'deny' | 'read-search';
}

/** A catalog with no policy text: the built-in phrasebook alone, English by default. */
export const EMPTY_CATALOG: ExplanationCatalog = {
  locales: ['en', 'es'],
  defaultLocale: 'en',
  entries: {},
};
