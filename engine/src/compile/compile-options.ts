/**
 * The `option` statements of the policy header, resolved onto the engine's defaults: access
 * options (for `authorize`) and token options (for `decideToken`).
 */
import type { AccessOptions } from '../access/access-types.js';
import { DEFAULT_ACCESS_OPTIONS } from '../access/access-options.js';
import type { OptionStatement } from '../language/ast.js';
import type { TokenOptions } from './bundle-types.js';
import { DEFAULT_TOKEN_OPTIONS } from './token-options.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Option name in the language → member of the access options. */
const ACCESS_KEYS: Readonly<Record<string, keyof AccessOptions>> = {
  'search.query_restricted': 'queryRestrictedSearch',
  'search.patient_filter': 'patientSearchWithoutFilter',
  'patient.membership': 'patientMembership',
  'patient.non_compartment_types': 'patientScopeNonCompartmentTypes',
  'interactions.conditional': 'conditionalInteractions',
  'search.compartment': 'compartmentSearch',
  capabilities: 'capabilities',
  'search.includes': 'includes',
  'scope.query_values': 'scopeQueryValues',
  'patient.link': 'patientLink',
  'patient.write_links': 'patientWriteLinks',
  'server.base': 'serverBase',
};

/** Option name in the language → member of the token options. */
const TOKEN_KEYS: Readonly<Record<string, keyof TokenOptions>> = {
  'refresh.scope_narrowing': 'refreshScopeNarrowing',
  'scopes.v1': 'v1Scopes',
  'scopes.v1_echo': 'v1Echo',
  'scopes.mixing': 'v1Mixing',
  token_type: 'tokenType',
  'introspection.echo': 'introspectionEcho',
  'scopes.query_conflict': 'queryConflicts',
};

export interface ResolvedOptions {
  readonly access: AccessOptions;
  readonly token: TokenOptions;
}

/**
 * Applies options in source order (a later statement wins). Unknown names and values were
 * reported by the parser and are skipped here.
 */
export function resolveOptions(statements: readonly OptionStatement[]): ResolvedOptions {
  const access: Mutable<AccessOptions> = { ...DEFAULT_ACCESS_OPTIONS, operations: { ...DEFAULT_ACCESS_OPTIONS.operations } };
  const operations: Record<string, string> = { ...DEFAULT_ACCESS_OPTIONS.operations };
  const token: Mutable<TokenOptions> = { ...DEFAULT_TOKEN_OPTIONS };
  for (const option of statements) {
    if (!option.known) continue;
    const name = option.name.text;
    const first = option.values[0];
    if (first === undefined || first.missing === true) continue;
    if (name === 'operation') {
      const letters = option.values[1];
      if (letters !== undefined && letters.missing !== true) operations[first.text] = letters.text;
      continue;
    }
    const accessKey = ACCESS_KEYS[name];
    if (accessKey !== undefined) {
      (access as Record<string, unknown>)[accessKey] = first.text;
      continue;
    }
    const tokenKey = TOKEN_KEYS[name];
    if (tokenKey !== undefined) (token as Record<string, unknown>)[tokenKey] = first.text;
  }
  access.operations = sortedRecord(operations);
  return { access, token };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
