/**
 * Coverage of the scopes the policy grants: every declared locale needs plain text for every
 * allowed resource scope (from the policy or the built-in phrasebook), and every allowed
 * query-restricted scope needs a plain explanation of its query (SMART App Launch, Best Practices: if it cannot be
 * said in one sentence, change the scope or document it).
 */
import type { CatalogTexts, ExplanationCatalog } from '../explanation-catalog.js';
import { findQualifierKey, phrasebookFor } from '../phrasebook/index.js';
import { splitOrList } from '../resolve-noun.js';
import { parseScopeCached as parseScope } from '../../smart/parse-scope.js';
import type { ExtensionScope, ResourceScope } from '../../smart/scope-types.js';
import { CONSENT_LINT_CODES } from './lint-types.js';
import type { AllowedScope, ConsentFinding } from './lint-types.js';

function hasText(texts: CatalogTexts | undefined, locale: string): boolean {
  const t = texts?.[locale];
  return t !== undefined && t.short.trim() !== '';
}

function isExperimentalName(name: string): boolean {
  return name.includes(':') || name.includes('.') || name === '_filter';
}

/** Where the noun of a resource scope comes from in one locale, or why there is none. */
type Coverage = { readonly ok: true } | { readonly ok: false; readonly insertInto: string };

function typeCoverage(catalog: ExplanationCatalog, type: string, locale: string): Coverage {
  if (hasText(catalog.entries[type]?.texts, locale)) return { ok: true };
  const book = phrasebookFor(locale);
  if (book && (type === '*' || book.types[type])) return { ok: true };
  return { ok: false, insertInto: `explain ${type}` };
}

function queryTextsFor(catalog: ExplanationCatalog, type: string, name: string, value: string): CatalogTexts | undefined {
  return catalog.entries[type]?.queries.find((q) => q.param === name && q.value === value)?.texts;
}

function builtinValue(type: string, name: string, value: string, locale: string): boolean {
  if (isExperimentalName(name)) return false;
  const key = findQualifierKey(type, name, value);
  return key !== undefined && phrasebookFor(locale)?.qualifiers[key.key] !== undefined;
}

/** True when one query value (or every value of its OR list) can be said in the locale; any locale when undefined. */
function valueCovered(catalog: ExplanationCatalog, type: string, name: string, value: string, locale: string | undefined): boolean {
  const one = (v: string): boolean => {
    const texts = queryTextsFor(catalog, type, name, v);
    if (locale === undefined) {
      if (texts && Object.values(texts).some((t) => t.short.trim() !== '')) return true;
      return [...catalog.locales, 'en'].some((l) => builtinValue(type, name, v, l));
    }
    return hasText(texts, locale) || builtinValue(type, name, v, locale);
  };
  if (one(value)) return true;
  const parts = splitOrList(value);
  return parts.length > 1 && parts.every(one);
}

/** True when the query can be said plainly in some locale (policy text or built-in qualifier). */
function queryExplainedAnywhere(catalog: ExplanationCatalog, scope: ResourceScope): boolean {
  const pair = scope.query[0];
  return scope.query.length === 1 && pair !== undefined && valueCovered(catalog, scope.resourceType, pair.name, pair.value, undefined);
}

/** Allowed scopes that need a noun from the policy or the phrasebook (resource) or policy sentences (extension). */
function explainableScopes(allowed: readonly AllowedScope[]): { allowed: AllowedScope; scope: ResourceScope | ExtensionScope }[] {
  const out: { allowed: AllowedScope; scope: ResourceScope | ExtensionScope }[] = [];
  for (const a of allowed) {
    const parsed = parseScope(a.scope);
    if (parsed.ok && (parsed.scope.type === 'resource' || parsed.scope.type === 'extension')) out.push({ allowed: a, scope: parsed.scope });
  }
  return out;
}

function resourceScopes(allowed: readonly AllowedScope[]): { allowed: AllowedScope; scope: ResourceScope }[] {
  return explainableScopes(allowed).filter((e): e is { allowed: AllowedScope; scope: ResourceScope } => e.scope.type === 'resource');
}

/** Allowed query-restricted scopes whose query has no plain explanation in any locale. */
export function lintQueryUnexplained(catalog: ExplanationCatalog, allowed: readonly AllowedScope[]): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  for (const { allowed: a, scope } of resourceScopes(allowed)) {
    if (scope.query.length === 0 || queryExplainedAnywhere(catalog, scope)) continue;
    const pair = scope.query[0];
    const compound = scope.query.length > 1;
    const insert = pair ? `where ${pair.name} = ${pair.value} { ${catalog.defaultLocale} "" }` : '';
    out.push({
      code: CONSENT_LINT_CODES.queryUnexplained,
      message: compound
        ? `"${a.scope}" (app class ${a.app}) combines ${scope.query.length} query conditions, which no consent screen can say in one plain sentence; split or simplify the scope, or document it for users.`
        : `"${a.scope}" (app class ${a.app}) has no plain explanation of ${pair?.name}=${pair?.value}; add \`${insert}\` to explain ${scope.resourceType}, or change the scope.`,
      ...(a.span ? { span: a.span } : {}),
      data: {
        scope: a.scope,
        app: a.app,
        resourceType: scope.resourceType,
        query: scope.query.map((p) => ({ name: p.name, value: p.value })),
        compound,
        ...(compound ? {} : { insert, insertInto: `explain ${scope.resourceType}` }),
      },
    });
  }
  return out;
}

/**
 * A long text written in some declared locales but not in another that has the short one: its
 * readers get the bare built-in sentence while others get the policy's detail ("a missing
 * Spanish long text alone").
 */
export function lintMissingLongText(catalog: ExplanationCatalog): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  const check = (texts: CatalogTexts, target: string, where: string, span: ConsentFinding['span']): void => {
    const withLong = Object.keys(texts).filter((l) => texts[l]?.long !== undefined && texts[l]?.long?.trim() !== '');
    if (withLong.length === 0) return;
    for (const locale of catalog.locales) {
      const t = Object.hasOwn(texts, locale) ? texts[locale] : undefined;
      if (!t || t.short.trim() === '' || (t.long !== undefined && t.long.trim() !== '')) continue;
      const insertInto = `explain ${target}${where}`;
      out.push({
        code: CONSENT_LINT_CODES.missingTranslation,
        message: `${insertInto} has a long text in ${withLong.join(', ')} but not in ${locale}, so ${locale} readers get less detail; add \`${locale} long "…"\`.`,
        ...(t.span ? { span: t.span } : span ? { span } : {}),
        data: { locale, target, form: 'long', insertInto, insert: `${locale} long ""` },
      });
    }
  };
  for (const entry of Object.values(catalog.entries)) {
    check(entry.texts, entry.target, '', entry.span);
    for (const q of entry.queries) check(q.texts, entry.target, ` where ${q.param} = ${q.value}`, q.span);
  }
  return out;
}

/** Declared locales lacking text for a resource scope a grant allows. */
export function lintMissingTranslation(catalog: ExplanationCatalog, allowed: readonly AllowedScope[]): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  const reported = new Set<string>();
  // A scope an app class is allowed twice can only repeat the first one's (already reported) keys.
  const judged = new Set<string>();
  // Pure in (type, locale) for one catalog: judged once per pair, not once per allowed scope.
  const coverages = new Map<string, Coverage>();
  const coverageOf = (type: string, locale: string): Coverage => {
    const key = `${type}\u0000${locale}`;
    let found = coverages.get(key);
    if (!found) {
      found = typeCoverage(catalog, type, locale);
      coverages.set(key, found);
    }
    return found;
  };
  for (const { allowed: a, scope } of explainableScopes(allowed)) {
    const once = `${a.app}\u0000${a.scope}`;
    if (judged.has(once)) continue;
    judged.add(once);
    if (scope.type === 'extension') {
      // The built-in text of an extension scope only says it is system-specific: ask for words.
      for (const locale of catalog.locales) {
        if (hasText(catalog.entries[scope.name]?.texts, locale)) continue;
        const insertInto = `explain ${scope.name}`;
        const key = `${locale}\u0000${insertInto}\u0000${a.app}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.push({
          code: CONSENT_LINT_CODES.missingTranslation,
          message: `"${a.scope}" (app class ${a.app}) is an extension scope with no ${locale} text, so ${locale} consent screens can only call it a system-specific permission; add \`${locale} "…"\` to ${insertInto}.`,
          ...(a.span ? { span: a.span } : {}),
          data: { locale, scope: a.scope, app: a.app, insertInto, insert: `${locale} ""` },
        });
      }
      continue;
    }
    const withQuery = scope.query.length === 1 && queryExplainedAnywhere(catalog, scope);
    for (const locale of catalog.locales) {
      let coverage = coverageOf(scope.resourceType, locale);
      const pair = scope.query[0];
      if (withQuery && pair) {
        coverage = valueCovered(catalog, scope.resourceType, pair.name, pair.value, locale)
          ? { ok: true }
          : { ok: false, insertInto: `explain ${scope.resourceType} where ${pair.name} = ${pair.value}` };
      }
      if (coverage.ok) continue;
      const key = `${locale}\u0000${coverage.insertInto}\u0000${a.app}`;
      if (reported.has(key)) continue;
      reported.add(key);
      out.push({
        code: CONSENT_LINT_CODES.missingTranslation,
        message: `"${a.scope}" (app class ${a.app}) has no ${locale} text, so ${locale} consent screens cannot describe it plainly; add \`${locale} "…"\` to ${coverage.insertInto}.`,
        ...(a.span ? { span: a.span } : {}),
        data: { locale, scope: a.scope, app: a.app, insertInto: coverage.insertInto, insert: `${locale} ""` },
      });
    }
  }
  return out;
}
