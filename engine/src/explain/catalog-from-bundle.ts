/**
 * `catalogFromBundle`: the explanation catalog of a compiled PolicyBundle — its explain blocks,
 * locales, the offline lifetimes of its refresh rules and, per app class, the scopes it may be
 * granted. Also `allowedScopesFromBundle` for the consent lints.
 */
import type {
  BundleApp,
  BundlePhrasebook,
  BundleRefreshPolicy,
  ExplanationText,
  PolicyBundle,
  SourceSpan,
} from '../compile/bundle-types.js';
import type {
  CatalogAudience,
  CatalogVariant,
  CatalogAppClass,
  CatalogEntry,
  CatalogOfflineAccess,
  CatalogPhrasebook,
  CatalogSpan,
  CatalogText,
  CatalogTexts,
  ExplanationCatalog,
} from './explanation-catalog.js';
import type { AllowedScope } from './lint/lint-types.js';
import { maxOf } from '../util/append-all.js';

function span(s: SourceSpan | undefined): CatalogSpan | undefined {
  return s
    ? { uri: s.uri, start: { line: s.start.line, column: s.start.column }, end: { line: s.end.line, column: s.end.column } }
    : undefined;
}

function text(t: ExplanationText): CatalogText {
  const s = span(t.span);
  const ls = span(t.longSpan);
  return {
    short: t.short,
    ...(t.long !== undefined ? { long: t.long } : {}),
    ...(t.gender !== undefined ? { gender: t.gender } : {}),
    ...(t.number !== undefined ? { number: t.number } : {}),
    ...(s ? { span: s } : {}),
    ...(ls ? { longSpan: ls } : {}),
    ...(t.variants ? { variants: variantsOf(t.variants) } : {}),
  };
}

function variantsOf(variants: NonNullable<ExplanationText['variants']>): NonNullable<CatalogText['variants']> {
  const out: Partial<Record<CatalogAudience, CatalogVariant>> = {};
  for (const audience of ['patient', 'caregiver', 'clinician'] as const) {
    const v = Object.hasOwn(variants, audience) ? variants[audience] : undefined;
    if (!v) continue;
    const s = span(v.span);
    const ls = span(v.longSpan);
    out[audience] = {
      ...(v.short !== undefined ? { short: v.short } : {}),
      ...(v.long !== undefined ? { long: v.long } : {}),
      ...(v.gender !== undefined ? { gender: v.gender } : {}),
      ...(v.number !== undefined ? { number: v.number } : {}),
      ...(s ? { span: s } : {}),
      ...(ls ? { longSpan: ls } : {}),
    };
  }
  return out;
}

function texts(record: Readonly<Record<string, ExplanationText>>): CatalogTexts {
  return Object.fromEntries(Object.entries(record).map(([locale, t]) => [locale, text(t)]));
}

/** Who uses an app class: clinicians when practitioners may, caregivers when only related persons do, no one for backend services. */
export function audienceOfUsers(userTypes: readonly string[]): CatalogAppClass['audience'] {
  if (userTypes.includes('practitioner')) return 'clinician';
  if (userTypes.length > 0 && userTypes.every((u) => u === 'none')) return 'system';
  if (userTypes.length > 0 && userTypes.every((u) => u === 'related-person')) return 'caregiver';
  return 'patient';
}

/** The longest offline access any of the policies allows (null = no limit). */
export function longestOffline(
  policies: readonly { lifetimeSeconds: number | null; idleSeconds: number | null }[],
): CatalogOfflineAccess | undefined {
  if (policies.length === 0) return undefined;
  const lifetimes = policies.map((p) => p.lifetimeSeconds);
  const idles = policies.map((p) => p.idleSeconds);
  return {
    lifetimeSeconds: lifetimes.includes(null) ? null : maxOf(lifetimes as number[]),
    idleSeconds: idles.includes(null) ? null : maxOf(idles as number[]),
  };
}

function offlineOf(refresh: readonly BundleRefreshPolicy[]): CatalogOfflineAccess | undefined {
  return longestOffline(refresh.filter((r) => r.offline).map((r) => ({ lifetimeSeconds: r.lifetime, idleSeconds: r.idle })));
}

function appClass(bundle: PolicyBundle, app: BundleApp): CatalogAppClass {
  const grants = bundle.grants.filter((g) => g.app === app.name);
  const allowed = [...new Set(grants.filter((g) => g.effect === 'allow').map((g) => g.scope))];
  const denied = grants
    .filter((g) => g.effect === 'deny')
    .map((g) => ({ scope: g.scope, ...(g.reason !== undefined ? { reason: g.reason } : {}) }));
  const offline = offlineOf(bundle.refresh.filter((r) => r.app === app.name));
  return {
    name: app.name,
    ...(app.title !== undefined ? { label: app.title } : {}),
    audience: audienceOfUsers(app.userTypes),
    allowed,
    denied,
    ...(offline ? { offlineAccess: offline } : {}),
  };
}

/** A bundle phrasebook as the renderer reads it (its span is for tools, not for rendering). */
function phrasebook(p: BundlePhrasebook): CatalogPhrasebook {
  return {
    messages: { ...p.messages },
    ...(p.wildcard ? { wildcard: { ...p.wildcard } } : {}),
    ...(p.jargon ? { jargon: [...p.jargon] } : {}),
    ...(p.possessives ? { possessives: [...p.possessives] } : {}),
  };
}

function nonCompartment(bundle: PolicyBundle): 'deny' | 'read-search' | undefined {
  const mode = (bundle.policy.options as { access?: { patientScopeNonCompartmentTypes?: unknown } } | undefined)?.access
    ?.patientScopeNonCompartmentTypes;
  return mode === 'deny' || mode === 'read-search' ? mode : undefined;
}

function nonCompartmentMember(bundle: PolicyBundle): { patientNonCompartmentTypes?: 'deny' | 'read-search' } {
  const mode = nonCompartment(bundle);
  return mode === undefined ? {} : { patientNonCompartmentTypes: mode };
}

/** The explanation catalog of a compiled policy bundle. */
export function catalogFromBundle(bundle: PolicyBundle): ExplanationCatalog {
  const entries: Record<string, CatalogEntry> = {};
  for (const e of bundle.explanations) {
    if (entries[e.target]) continue; // duplicates are the checker's to report; first one wins
    const s = span(e.span);
    entries[e.target] = {
      target: e.target,
      texts: texts(e.texts),
      queries: e.queries.map((q) => {
        const qs = span(q.span);
        return {
          param: q.param,
          value: q.value,
          ...(q.sensitive === true ? { sensitive: true as const } : {}),
          texts: texts(q.texts),
          ...(qs ? { span: qs } : {}),
        };
      }),
      ...(e.sensitive === true ? { sensitive: true as const } : {}),
      ...(s ? { span: s } : {}),
    };
  }
  const offline = offlineOf(bundle.refresh);
  return {
    name: bundle.policy.name,
    locales: bundle.policy.locales.length > 0 ? bundle.policy.locales : ['en'],
    defaultLocale: bundle.policy.defaultLocale || bundle.policy.locales[0] || 'en',
    ...(bundle.policy.revokeUri !== undefined ? { revokeUri: bundle.policy.revokeUri } : {}),
    entries,
    ...(offline ? { offlineAccess: offline } : {}),
    appClasses: bundle.apps.map((app) => appClass(bundle, app)),
    ...nonCompartmentMember(bundle),
    ...(bundle.phrasebooks
      ? { phrasebooks: Object.fromEntries(Object.entries(bundle.phrasebooks).map(([l, p]) => [l, phrasebook(p)])) }
      : {}),
  };
}

/** Every allowed scope of every app class of a bundle, for the consent lints. */
export function allowedScopesFromBundle(bundle: PolicyBundle): AllowedScope[] {
  return bundle.grants
    .filter((g) => g.effect === 'allow')
    .map((g) => {
      const s = span(g.span);
      return { app: g.app, scope: g.scope, ...(s ? { span: s } : {}) };
    });
}
