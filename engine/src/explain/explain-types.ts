/** The input options and the result of `explain`, as plain JSON (the CLI prints it as is). */
import type { ExplanationCatalog } from './explanation-catalog.js';

/**
 * Who reads the consent screen: a patient about their own record, a caregiver (related person)
 * acting for a patient — "the patient's" data, otherwise a patient's wording — or a clinician.
 */
export type Audience = 'patient' | 'caregiver' | 'clinician';

export interface ExplainOptions {
  /** An explicit locale (`es`, `es-MX`); wins over `acceptLanguage`. */
  readonly locale?: string;
  /** A browser's `Accept-Language` header. */
  readonly acceptLanguage?: string;
  /** Defaults to `patient`. */
  readonly audience?: Audience;
  /** The policy's explanation catalog; without one the built-in phrasebook alone is used. */
  readonly catalog?: ExplanationCatalog;
  /**
   * An app class of the catalog: its refresh limits are the ones `offline_access` quotes, and
   * its users set the audience when `audience` is not given.
   */
  readonly appClass?: string;
}

/** Why a scope could not be explained fully in plain words. */
export interface ExplainWarning {
  /** Stable code: `explain.scope.invalid`, `explain.query.unexplained`, ... */
  readonly code: string;
  readonly message: string;
}

/** The short and long text of one requested scope. */
export interface ScopeExplanation {
  /** The scope as requested. */
  readonly scope: string;
  readonly short: string;
  readonly long: string;
  readonly warnings?: readonly ExplainWarning[];
  /**
   * Permission letters of this scope that the policy's options refuse on every request (e.g.
   * `patient/Device.rs` under `patient.non_compartment_types deny`), with why; the summary
   * leaves them out so the screen never promises them.
   */
  readonly unreachable?: { readonly letters: string; readonly reason: string };
}

/** One line of a consent screen: several scopes said once. */
export interface SummaryLine {
  readonly text: string;
  /** The requested scopes this line stands for. */
  readonly scopes: readonly string[];
}

export interface ExplainResult {
  /** The locale the text is in. */
  readonly locale: string;
  /**
   * What was asked for: the explicit locale, else the first range of `Accept-Language`; absent
   * when neither was given. When its language differs from `locale`, `localeFallback` is true.
   */
  readonly requestedLocale?: string;
  /** True when the requested language could not be offered and `locale` was used instead. */
  readonly localeFallback?: boolean;
  readonly audience: Audience;
  readonly scopes: readonly ScopeExplanation[];
  readonly summary: readonly SummaryLine[];
  /** Requested scopes left out of the summary because no request can use them, with why. */
  readonly omitted?: readonly { readonly scope: string; readonly reason: string }[];
  /** Warnings about the request as a whole (`explain.refresh.conflict`). */
  readonly warnings?: readonly ExplainWarning[];
}

/** Warning codes `explain` may emit. */
export const EXPLAIN_WARNING_CODES = {
  invalidScope: 'explain.scope.invalid',
  unknownType: 'explain.type.unknown',
  queryUnexplained: 'explain.query.unexplained',
  queryExperimental: 'explain.query.experimental',
  queryCompound: 'explain.query.compound',
  extension: 'explain.scope.extension',
  contextUnknown: 'explain.context.unknown',
  placeholderUnfilled: 'explain.text.placeholder',
  queryWildcard: 'explain.query.wildcard',
  unreachable: 'explain.scope.unreachable',
  refreshConflict: 'explain.refresh.conflict',
} as const;
