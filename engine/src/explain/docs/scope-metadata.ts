/**
 * The machine-readable scope descriptions a client developer needs: for each app class, every
 * scope it may be granted with its short and long text in every locale, plus the grouped
 * consent summary per locale. Written to `scopes.json` by the docs site.
 */
import { explain, localeChoice } from '../explain.js';
import type { Audience, ExplainWarning, SummaryLine } from '../explain-types.js';
import type { CatalogAppClass, ExplanationCatalog } from '../explanation-catalog.js';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { textForLocale } from '../render-context.js';
import { parseScope } from '../../smart/parse-scope.js';
import { formatScope, toV2, v1WordFor } from '../../smart/format-scope.js';
import { toNormalized } from '../../smart/normalize-scope.js';
import type { NormalizedScope } from '../../smart/normalize-scope.js';
import type { Scope } from '../../smart/scope-types.js';
import { planRequest } from '../consent-screen/group-request.js';
import { isSensitiveScope, sensitiveTargets } from '../consent-screen/sensitive-data.js';
import type { SensitiveTarget } from '../consent-screen/sensitive-data.js';
import type { OmittedScope, RiskFlag } from '../consent-screen/screen-types.js';
import { screenPolicyOf } from '../consent-screen/screen-policy.js';
import { conditionText } from './condition-text.js';

/** Short and long text of one scope in one locale. */
export interface ScopeDescription {
  readonly short: string;
  readonly long: string;
  /** Whether the words for this scope come from the policy's `explain` text or the built-in phrasebook. */
  readonly source: 'policy' | 'built-in';
  readonly warnings?: readonly ExplainWarning[];
}

export interface ScopeEntry {
  readonly scope: string;
  /** The scope model's kind (`resource`, `launch-context`, …) or `invalid`. */
  readonly kind: string;
  /** The parsed scope (the conformance vectors' normalized form); absent when invalid. */
  readonly parsed?: NormalizedScope;
  /** The canonical v2 form. */
  readonly v2?: string;
  /** The v1 form, when v1 can say it (`patient/Observation.read`). */
  readonly v1?: string;
  /** The policy's conditions on granting it (`bound by dpop, client-key`), one per allow rule that has one. */
  readonly conditions: readonly string[];
  /** Why the consent screen sets it apart. */
  readonly risks: readonly RiskFlag[];
  /** Could reach data the policy marks sensitive: a separate opt-in on the consent screen. */
  readonly sensitive: boolean;
  readonly descriptions: Readonly<Record<string, ScopeDescription>>;
}

/** How long what the class gets lasts (seconds; null = no limit). */
export interface AppLifetimes {
  readonly accessTokenSeconds: number;
  readonly refresh?: {
    readonly offline: boolean;
    readonly online: boolean;
    readonly lifetimeSeconds: number | null;
    readonly idleSeconds: number | null;
  };
  readonly registration?: { readonly instanceLifetimeSeconds: number | null; readonly initialTokenMaxAgeSeconds: number | null };
}

export interface AppClassMetadata {
  readonly name: string;
  /** The class's title, what people are shown (absent when the policy gives none). */
  readonly label?: string;
  readonly audience: CatalogAppClass['audience'];
  readonly lifetimes: AppLifetimes;
  /** Allowed scopes the consent screen leaves out, and why (`unreachable`: the policy's options make them grant nothing). */
  readonly consentScreenOmits: readonly OmittedScope[];
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

function risksOf(scope: Scope): RiskFlag[] {
  if (scope.type === 'refresh') return scope.mode === 'offline' ? ['offline-access'] : [];
  if (scope.type !== 'resource') return [];
  return [
    ...(/[cu]/.test(scope.permissions) ? (['write'] as const) : []),
    ...(scope.permissions.includes('d') ? (['delete'] as const) : []),
    ...(scope.resourceType === '*' ? (['everything'] as const) : []),
  ];
}

/** The scope model's facts about one scope: kind, parsed form, v2 and v1 spellings, risks. */
function scopeFacts(
  text: string,
  sensitive: readonly SensitiveTarget[],
): Pick<ScopeEntry, 'kind' | 'parsed' | 'v2' | 'v1' | 'risks' | 'sensitive'> {
  const parsed = parseScope(text);
  if (!parsed.ok) return { kind: 'invalid', risks: [], sensitive: false };
  const scope = parsed.scope;
  const v2 = formatScope(toV2(scope));
  const word = scope.type === 'resource' && scope.query.length === 0 ? v1WordFor(scope.permissions) : null;
  return {
    kind: scope.type,
    parsed: toNormalized(scope),
    v2,
    ...(scope.type === 'resource' && word !== null ? { v1: `${scope.level}/${scope.resourceType}.${word}` } : {}),
    risks: risksOf(scope),
    sensitive: scope.type === 'resource' && isSensitiveScope(scope, sensitive),
  };
}

/** Whether the words of a scope in a locale are the policy's (an explain block for its type, query value or scope word). */
function textSource(text: string, locale: string, catalog: ExplanationCatalog): 'policy' | 'built-in' {
  const parsed = parseScope(text);
  if (!parsed.ok) return 'built-in';
  const scope = parsed.scope;
  const target = scope.type === 'resource' ? scope.resourceType : formatScope(scope);
  const entry = catalog.entries[target] ?? catalog.entries[text];
  if (!entry) return 'built-in';
  if (scope.type === 'resource' && scope.query.length > 0) {
    const query = entry.queries.find((q) =>
      scope.query.some((p) => p.name === q.param && (p.value === q.value || safeDecode(p.value) === q.value)),
    );
    if (query) return textForLocale(query.texts, locale) ? 'policy' : 'built-in';
  }
  return textForLocale(entry.texts, locale) ? 'policy' : 'built-in';
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function lifetimesOf(app: CatalogAppClass, bundle: PolicyBundle | null, accessTokenSeconds: number): AppLifetimes {
  const refresh = bundle?.refresh.find((r) => r.app === app.name);
  const registration = bundle?.registration.find((r) => r.app === app.name);
  return {
    accessTokenSeconds,
    ...(refresh
      ? { refresh: { offline: refresh.offline, online: refresh.online, lifetimeSeconds: refresh.lifetime, idleSeconds: refresh.idle } }
      : app.offlineAccess
        ? { refresh: { offline: true, online: false, ...app.offlineAccess } }
        : {}),
    ...(registration
      ? {
          registration: {
            instanceLifetimeSeconds: registration.instanceLifetime,
            initialTokenMaxAgeSeconds: registration.initialTokenMaxAge,
          },
        }
      : {}),
  };
}

/** Builds the scope-description metadata of a catalog (grant conditions and lifetimes need the bundle). */
export function buildScopeMetadata(catalog: ExplanationCatalog, bundle?: PolicyBundle): ScopeMetadata {
  const { available, defaultLocale } = localeChoice(catalog);
  const policy = screenPolicyOf(bundle ?? catalog);
  const sensitive = sensitiveTargets(catalog);
  const appClasses = appClassesOf(catalog).map((app): AppClassMetadata => {
    const appCatalog = catalogForApp(catalog, app);
    const audience = audienceFor(app);
    const perLocale = available.map((locale) => [locale, explain(app.allowed, { locale, audience, catalog: appCatalog })] as const);
    const scopes = app.allowed.map((scope): ScopeEntry => {
      const descriptions: Record<string, ScopeDescription> = {};
      for (const [locale, result] of perLocale) {
        const one = result.scopes.find((s) => s.scope === scope);
        if (one)
          descriptions[locale] = {
            short: one.short,
            long: one.long,
            source: textSource(scope, locale, catalog),
            ...(one.warnings ? { warnings: one.warnings } : {}),
          };
      }
      const conditions = (bundle?.grants ?? [])
        .filter((g) => g.app === app.name && g.effect === 'allow' && g.scope === scope && g.when !== undefined)
        .map((g) => (g.when ? conditionText(g.when) : ''));
      return { scope, ...scopeFacts(scope, sensitive), conditions: [...new Set(conditions)], descriptions };
    });
    const omits = planRequest(app.allowed, { app, sensitive, nonCompartmentTypes: policy.nonCompartmentTypes }).omitted;
    return {
      name: app.name,
      ...(app.label !== undefined ? { label: app.label } : {}),
      audience: app.audience,
      lifetimes: lifetimesOf(app, policy.bundle, policy.accessTokenSeconds),
      consentScreenOmits: omits,
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
