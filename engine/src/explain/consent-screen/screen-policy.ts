/**
 * What the consent screen reads from a policy, from a compiled bundle or from a catalog alone
 * (the language server has no bundle): the catalog, the app class, the options that make scopes
 * unreachable, and the lifetimes of tokens.
 */
import { BUNDLE_FORMAT } from '../../compile/bundle-types.js';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { catalogFromBundle } from '../catalog-from-bundle.js';
import type { CatalogAppClass, ExplanationCatalog } from '../explanation-catalog.js';

export interface ScreenPolicy {
  readonly catalog: ExplanationCatalog;
  readonly bundle: PolicyBundle | null;
  /** `patient.non_compartment_types`; a catalog alone gets the engine default, `deny`. */
  readonly nonCompartmentTypes: 'deny' | 'read-search';
  /** Access-token lifetime in seconds as token responses give it (capped at an hour). */
  readonly accessTokenSeconds: number;
}

const DEFAULT_ACCESS_TOKEN_SECONDS = 3600;

export function isBundle(input: PolicyBundle | ExplanationCatalog): input is PolicyBundle {
  return typeof input === 'object' && input !== null && (input as { format?: unknown }).format === BUNDLE_FORMAT;
}

export function screenPolicyOf(input: PolicyBundle | ExplanationCatalog): ScreenPolicy {
  if (!isBundle(input))
    return { catalog: input, bundle: null, nonCompartmentTypes: 'deny', accessTokenSeconds: DEFAULT_ACCESS_TOKEN_SECONDS };
  const access = input.policy.options.access;
  const lifetime = input.policy.options.token.accessTokenLifetime;
  return {
    catalog: catalogFromBundle(input),
    bundle: input,
    nonCompartmentTypes: access.patientScopeNonCompartmentTypes,
    // The token endpoint never issues user tokens for longer than an hour (token-response.ts).
    accessTokenSeconds:
      Number.isFinite(lifetime) && lifetime > 0 ? Math.min(lifetime, DEFAULT_ACCESS_TOKEN_SECONDS) : DEFAULT_ACCESS_TOKEN_SECONDS,
  };
}

/** The app class by its internal name. */
export function appClassOf(policy: ScreenPolicy, name: string): CatalogAppClass | undefined {
  return policy.catalog.appClasses?.find((a) => a.name === name);
}

/** The refresh lifetimes of an app class when it may refresh online (no offline access), from the bundle. */
export function onlineRefreshOf(
  policy: ScreenPolicy,
  app: string,
): { lifetimeSeconds: number | null; idleSeconds: number | null } | undefined {
  const r = policy.bundle?.refresh.find((x) => x.app === app && x.online);
  return r ? { lifetimeSeconds: r.lifetime, idleSeconds: r.idle } : undefined;
}
