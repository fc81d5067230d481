/**
 * The JSON shapes of a resource-server access decision. The same shapes travel through the
 * library (`authorize`), the CLI (`smart-policy eval access`) and, later, HTTP.
 */
import type { QueryPair } from '../smart/scope-types.js';

/** A FHIR resource as JSON. Only `resourceType` is relied upon structurally. */
export interface FhirResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly [element: string]: unknown;
}

/** One `fhirContext` item of the token response (SMART App Launch IG, Scopes and Launch Context: launch context arrives with the access token). */
export interface FhirContextItem {
  readonly reference?: string;
  readonly canonical?: string;
  /** A FHIR Identifier (an object; the IG names it, the engine does not read it). */
  readonly identifier?: { readonly [key: string]: unknown };
  readonly type?: string;
  readonly role?: string;
  readonly [extra: string]: unknown;
}

/** The launch context a token carries. */
export interface LaunchContext {
  readonly patient?: string;
  readonly encounter?: string;
  /** Absolute or base-relative URL of the user's FHIR resource (`Practitioner/7`). */
  readonly fhirUser?: string;
  readonly fhirContext?: readonly FhirContextItem[];
  /**
   * This server's FHIR base URL: absolute references count as this server's only under it
   * (overrides the `serverBase` option). Not part of a SMART token response; set by the server.
   */
  readonly serverBase?: string;
}

/** A FHIR REST request; `path` is relative to the FHIR base (`""` is the base itself). */
export interface FhirRequest {
  readonly method: string;
  readonly path: string;
  /** Raw query string without the leading `?`, e.g. `patient=123&code=x`. */
  readonly query?: string;
  readonly body?: unknown;
}

/** What `authorize` is asked. `granted` is scope strings or a token prepared once with `prepareToken`. */
export interface AccessRequest {
  readonly granted: readonly string[] | PreparedTokenHandle;
  readonly context?: LaunchContext;
  readonly request: FhirRequest;
  /** The stored instance an instance interaction targets; `null`: it does not exist (yet). */
  readonly resource?: FhirResource | null;
  /** Stored instances referenced by bundle entries, keyed `Type/id`. */
  readonly resources?: Readonly<Record<string, FhirResource>>;
  /** Overrides of the access options for this decision (normally set once by a policy). */
  readonly options?: Partial<AccessOptions>;
}

/** Opaque handle of a token whose scopes were parsed and indexed once. */
export interface PreparedTokenHandle {
  readonly kind: 'prepared-token';
  readonly scopes: readonly string[];
}

/** FHIR REST interactions the classifier recognises. */
export type InteractionName =
  | 'read'
  | 'vread'
  | 'history-instance'
  | 'update'
  | 'update-as-create'
  | 'update-conditional'
  | 'patch'
  | 'patch-conditional'
  | 'delete'
  | 'delete-conditional'
  | 'create'
  | 'create-conditional'
  | 'search-type'
  | 'search-type-post'
  | 'search-system'
  | 'search-system-post'
  | 'search-compartment'
  | 'history-type'
  | 'history-system'
  | 'capabilities'
  | 'operation'
  | 'batch'
  | 'transaction'
  | 'unknown';

export type Decision = 'allow' | 'deny';

/** Why a decision came out as it did, in words a server log can show. */
export interface Reason {
  /** Stable id of the rule that decided, e.g. `access.letter-missing`, `access.patient-compartment`. */
  readonly rule: string;
  readonly message: string;
  /** The granted scope that allowed the request, when one did. */
  readonly scope?: string;
  /** The scope that would have been needed, when the request was denied for want of one. */
  readonly missing?: string;
  /** The granted scopes that were considered. */
  readonly present?: readonly string[];
  /** Index of the bundle entry this reason is about (batch and transaction). */
  readonly entry?: number;
  /**
   * When the denial comes from a problem in the granted scope itself that `smart-policy check`
   * refuses in a policy, the checker's code for it (e.g. `semantic.unknown-search-parameter`).
   */
  readonly problem?: string;
}

export interface DecisionError {
  readonly code: string;
  readonly message: string;
  /** JSON path into the request where the problem is, e.g. `$.request.body.entry[2].request.url`. */
  readonly path?: string;
}

/**
 * Filters a server must add to a search so that it returns only what the token covers.
 * Alternatives are OR-ed (any one scope suffices); the pairs inside one alternative are AND-ed.
 * Several entries for one type are AND-ed: a returned resource of that type must pass each.
 */
export interface SearchNarrowing {
  readonly resourceType: string;
  readonly anyOf: readonly { readonly scope: string; readonly filters: readonly QueryPair[] }[];
  /**
   * Absent: add the filters to the search of `resourceType` (and filter what it returns).
   * `'result'`: a post-filter. Resources of this type reach the result some other way
   * (`_include`, `_revinclude`, `$everything`), where no added search parameter applies: the server
   * must remove from the result every resource of this type that passes no alternative, e.g. with
   * `filterSearchBundle(decision, context, bundle)`. Never add these filters to the request.
   */
  readonly apply?: 'result';
}

/** The decision for one entry of a batch or transaction. */
export interface EntryDecision {
  readonly index: number;
  readonly decision: Decision;
  readonly interaction: InteractionName;
  readonly reasons: readonly Reason[];
  readonly narrowing?: readonly SearchNarrowing[];
}

export interface AccessResult {
  readonly decision: Decision;
  readonly reasons: readonly Reason[];
  readonly errors: readonly DecisionError[];
  /** The interaction the request was classified as. */
  readonly interaction: InteractionName;
  /** For searches: what the server must add; absent or empty when the search is already inside. */
  readonly narrowing?: readonly SearchNarrowing[];
  /** For batch and transaction: one decision per entry. */
  readonly entries?: readonly EntryDecision[];
}

/** The access options; defined, with defaults and docs, by the options registry (`../options/`). */
import type { AccessOptions } from '../options/option-registry.js';
export type { AccessOptions };
