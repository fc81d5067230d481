/**
 * The machine-readable scope descriptions a client developer needs: for each app class, every
 * scope it may be granted with its short and long text in every locale, plus the grouped
 * consent summary per locale. Written to `scopes.json` by the docs site.
 */
import { explain, localeChoice } from '../explain.js';
import type { Audience, ExplainWarning, SummaryLine } from '../explain-types.js';
import type { CatalogAppClass, ExplanationCatalog } from '../explanation-catalog.js';
import { parseScope } from '../../smart/parse-scope.js';

/** Short and long text of one scope in one locale. */
export interface ScopeDescription {
  readonly short: string;
  readonly long: string;
  readonly warnings?: readonly ExplainWarning[];
}

export interface ScopeEntry {
  readonly scope: string;
  /** The scope model's kind (`resource`, `launch-context`, …) or `invalid`. */
  readonly kind: string;
  readonly descriptions: Readonly<Record<string, ScopeDescription>>;
}

export interface AppClassMetadata {
  readonly name: string;
  readonly audience: CatalogAppClass['audience'];
  readonly offlineAccess?: CatalogAppClass['offlineAccess'];
  readonly scopes: readonly ScopeEntry[];
  readonly denied: CatalogAppClass['denied'];
  readonly consentSummary: Readonly<Record<string, readonly SummaryLine[]>>;
}

/** The whole `scopes.json` document. */
export interface ScopeMetadata {
  readonly format: 'smart-policy-scope-descriptions';
  readonly version: 1;
  readonly policy: string | null;
  /** Locales with text (the policy's declared locales that the renderer can write). */
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** Declared locales the renderer has no sentence frames for (see the docs). */
  readonly unrenderedLocales: readonly string[];
  readonly appClasses: readonly AppClassMetadata[];
}

/** The wording used for an app class: staff wording for backend services (documentation only). */
export function audienceFor(app: CatalogAppClass): Audience {
  return app.audience === 'system' ? 'clinician' : app.audience;
}

/** The catalog as one app class sees it: its own offline limits. */
export function catalogForApp(catalog: ExplanationCatalog, app: CatalogAppClass): ExplanationCatalog {
  return app.offlineAccess ? { ...catalog, offlineAccess: app.offlineAccess } : catalog;
}

/** App classes of the catalog; a catalog without any gets one describing its explained types. */
export function appClassesOf(catalog: ExplanationCatalog): readonly CatalogAppClass[] {
  if (catalog.appClasses && catalog.appClasses.length > 0) return catalog.appClasses;
  const types = Object.keys(catalog.entries).filter((t) => /^[A-Z*]/.test(t));
  return [
    {
      name: 'all-explained-types',
      audience: 'patient',
      allowed: [...types.map((t) => `patient/${t}.rs`), 'launch/patient', 'openid', 'fhirUser', 'offline_access'],
      denied: [],
    },
  ];
}

function kindOf(scope: string): string {
  const parsed = parseScope(scope);
  return parsed.ok ? parsed.scope.type : 'invalid';
}

/** Builds the scope-description metadata of a catalog. */
export function buildScopeMetadata(catalog: ExplanationCatalog): ScopeMetadata {
  const { available, defaultLocale } = localeChoice(catalog);
  const appClasses = appClassesOf(catalog).map((app): AppClassMetadata => {
    const appCatalog = catalogForApp(catalog, app);
    const audience = audienceFor(app);
    const perLocale = available.map((locale) => [locale, explain(app.allowed, { locale, audience, catalog: appCatalog })] as const);
    const scopes = app.allowed.map((scope): ScopeEntry => {
      const descriptions: Record<string, ScopeDescription> = {};
      for (const [locale, result] of perLocale) {
        const one = result.scopes.find((s) => s.scope === scope);
        if (one) descriptions[locale] = { short: one.short, long: one.long, ...(one.warnings ? { warnings: one.warnings } : {}) };
      }
      return { scope, kind: kindOf(scope), descriptions };
    });
    return {
      name: app.name,
      audience: app.audience,
      ...(app.offlineAccess ? { offlineAccess: app.offlineAccess } : {}),
      scopes,
      denied: app.denied,
      consentSummary: Object.fromEntries(perLocale.map(([locale, result]) => [locale, result.summary])),
    };
  });
  return {
    format: 'smart-policy-scope-descriptions',
    version: 1,
    policy: catalog.name ?? null,
    locales: available,
    defaultLocale,
    unrenderedLocales: catalog.locales.filter((l) => !available.includes(l)),
    appClasses,
  };
}
