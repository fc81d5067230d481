/**
 * `catalogFromAst`: the explanation catalog of parsed policy files, with source ranges, for the
 * checker's consent rules and the language server (hover, preview) — no compile step needed.
 * Tolerant of ASTs recovered from broken input: anything missing is skipped.
 */
import type { ExplainText, PolicyFile, Range } from '../language/ast.js';
import type {
  CatalogAudience,
  CatalogAppClass,
  CatalogEntry,
  CatalogQuery,
  CatalogSpan,
  CatalogText,
  ExplanationCatalog,
} from './explanation-catalog.js';
import { audienceOfUsers, longestOffline } from './catalog-from-bundle.js';
import type { AllowedScope } from './lint/lint-types.js';
import { phrasebooksFromAst } from '../compile/phrasebooks-from-ast.js';
import { isPatientFacingUrl } from '../language/patient-facing-url.js';

function spanOf(range: Range | undefined, uri: string | undefined): CatalogSpan | undefined {
  if (!range?.start || !range.end) return undefined;
  return { ...(uri !== undefined ? { uri } : {}), start: { ...range.start }, end: { ...range.end } };
}

function arr<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function name(node: { text?: string; missing?: true } | undefined): string | undefined {
  return node && !node.missing && typeof node.text === 'string' && node.text !== '' ? node.text : undefined;
}

interface DraftText {
  short?: string;
  long?: string;
  gender?: NonNullable<CatalogText['gender']>;
  number?: NonNullable<CatalogText['number']>;
  span?: CatalogSpan;
  longSpan?: CatalogSpan;
}

const AUDIENCES: readonly CatalogAudience[] = ['patient', 'caregiver', 'clinician'];

/** The audiences of `for caregiver, clinician` that are spelled right (none = a general text). */
function audiencesOf(st: ExplainText): CatalogAudience[] {
  return arr(st.audiences)
    .map((a) => a?.value)
    .filter((a): a is CatalogAudience => typeof a === 'string' && (AUDIENCES as readonly string[]).includes(a));
}

/** Folds `en "…"`, `en long "…"` statements into texts per locale (first of each form wins). */
function textsOf(statements: readonly (ExplainText | undefined)[], uri: string | undefined): Record<string, CatalogText> {
  const out: Record<string, DraftText> = {};
  const variants: Record<string, Partial<Record<CatalogAudience, DraftText>>> = {};
  for (const st of statements) {
    if (st?.kind !== 'explain.text' || !st.text || st.text.missing || typeof st.text.value !== 'string') continue;
    const locale = name(st.locale);
    if (locale === undefined) continue;
    const audiences = audiencesOf(st);
    if (arr(st.audiences).length > 0 && audiences.length === 0) continue; // `for` with only misspelled audiences
    const targets = audiences.length > 0 ? audiences.map((a) => ((variants[locale] ??= {})[a] ??= {})) : [(out[locale] ??= {})];
    for (const entry of targets) addText(entry, st, uri);
    if (audiences.length > 0) out[locale] ??= {};
  }
  const result: Record<string, CatalogText> = {};
  for (const [locale, e] of Object.entries(out)) {
    const vs = variants[locale];
    // A long form alone still documents the target; its short form is then empty (and linted).
    result[locale] = {
      short: e.short ?? '',
      ...(e.long !== undefined ? { long: e.long } : {}),
      ...(e.gender !== undefined ? { gender: e.gender } : {}),
      ...(e.number !== undefined ? { number: e.number } : {}),
      ...(e.span ? { span: e.span } : {}),
      ...(e.longSpan ? { longSpan: e.longSpan } : {}),
      ...(vs ? { variants: vs } : {}),
    };
  }
  return result;
}

function addText(entry: DraftText, st: ExplainText, uri: string | undefined): void {
  if (!st.text || typeof st.text.value !== 'string') return;
  const span = spanOf(st.text.range, uri);
  if (st.form?.value === 'long') {
    if (entry.long === undefined) {
      entry.long = st.text.value;
      if (span) entry.longSpan = span;
    }
  } else if (entry.short === undefined) {
    entry.short = st.text.value;
    if (span) entry.span = span;
    if (st.gender?.value !== undefined) entry.gender = st.gender.value;
    if (st.number?.value !== undefined) entry.number = st.number.value;
  }
}

/** The explanation catalog of a parsed policy set (entry file first). */
export function catalogFromAst(files: readonly PolicyFile[]): ExplanationCatalog {
  const locales: string[] = [];
  let defaultLocale: string | undefined;
  let policyName: string | undefined;
  let revokeUri: string | undefined;
  const labels = new Map<string, string>();
  // The engine's default (access options): refused unless the policy says read-search.
  let nonCompartment: 'deny' | 'read-search' = 'deny';
  const entries: Record<string, CatalogEntry> = {};
  const users = new Map<string, string[]>();
  const offline = new Map<string, { lifetimeSeconds: number | null; idleSeconds: number | null }>();
  const allowed = new Map<string, string[]>();
  const allowedSeen = new Map<string, Set<string>>();
  const denied = new Map<string, { scope: string; reason?: string }[]>();

  for (const file of arr(files)) {
    const uri = typeof file?.uri === 'string' ? file.uri : undefined;
    for (const decl of arr(file?.declarations)) {
      if (!decl) continue;
      if (decl.kind === 'policy') {
        policyName ??= decl.title && !decl.title.missing && typeof decl.title.value === 'string' ? decl.title.value : undefined;
        for (const st of arr(decl.statements)) {
          if (st?.kind === 'policy.locales')
            for (const l of arr(st.locales)) {
              const t = name(l);
              if (t && !locales.includes(t)) locales.push(t);
            }
          if (st?.kind === 'policy.default-locale') defaultLocale ??= name(st.locale);
          if (
            st?.kind === 'policy.revoke-uri' &&
            st.uri &&
            !st.uri.missing &&
            typeof st.uri.value === 'string' &&
            isPatientFacingUrl(st.uri.value)
          )
            revokeUri ??= st.uri.value;
          if (st?.kind === 'policy.option' && name(st.name) === 'patient.non_compartment_types') {
            const value = arr(st.values)[0]?.text;
            if (value === 'deny' || value === 'read-search') nonCompartment = value;
          }
        }
      } else if (decl.kind === 'explain') {
        const target = name(decl.target);
        if (target === undefined) continue;
        const earlier = entries[target];
        if (earlier) {
          // Like the compiler: a later block can add the opt-in, never drop it.
          if (decl.sensitive === true && earlier.sensitive !== true) entries[target] = { ...earlier, sensitive: true };
          continue;
        }
        const statements = arr(decl.statements);
        const queries: CatalogQuery[] = [];
        for (const st of statements) {
          if (st?.kind !== 'explain.where') continue;
          const param = name(st.param);
          const value = st.value && !st.value.missing && typeof st.value.text === 'string' ? st.value.text : undefined;
          if (param === undefined || value === undefined) continue;
          const span = spanOf(st.range, uri);
          queries.push({
            param,
            value,
            ...(st.sensitive === true ? { sensitive: true as const } : {}),
            texts: textsOf(arr(st.texts), uri),
            ...(span ? { span } : {}),
          });
        }
        const span = spanOf(decl.range, uri);
        entries[target] = {
          target,
          ...(decl.sensitive === true ? { sensitive: true as const } : {}),
          texts: textsOf(
            statements.filter((s): s is ExplainText => s?.kind === 'explain.text'),
            uri,
          ),
          queries,
          ...(span ? { span } : {}),
        };
      } else if (decl.kind === 'app') {
        const app = name(decl.name);
        if (app === undefined) continue;
        const title = decl.title && !decl.title.missing && typeof decl.title.value === 'string' ? decl.title.value.trim() : '';
        if (title !== '' && !labels.has(app)) labels.set(app, title);
        const types = users.get(app) ?? [];
        for (const st of arr(decl.statements))
          if (st?.kind === 'app.user') for (const v of arr(st.values)) if (typeof v?.value === 'string') types.push(v.value);
        users.set(app, types);
      } else if (decl.kind === 'grant') {
        const app = name(decl.app);
        if (app === undefined) continue;
        for (const rule of arr(decl.rules)) {
          for (const ref of arr(rule?.scopes)) {
            if (!ref || ref.missing || typeof ref.text !== 'string' || ref.text === '') continue;
            if (rule.effect === 'deny') {
              const reason =
                rule.because && !rule.because.missing && typeof rule.because.value === 'string' ? rule.because.value : undefined;
              const list = denied.get(app) ?? [];
              list.push({ scope: ref.text, ...(reason !== undefined ? { reason } : {}) });
              denied.set(app, list);
            } else {
              // A Set beside the list keeps this linear in the number of rules.
              const seen = allowedSeen.get(app) ?? new Set<string>();
              const list = allowed.get(app) ?? [];
              if (!seen.has(ref.text)) list.push(ref.text);
              seen.add(ref.text);
              allowed.set(app, list);
              allowedSeen.set(app, seen);
            }
          }
        }
      } else if (decl.kind === 'refresh') {
        const app = name(decl.app);
        if (app === undefined) continue;
        let mayOffline = false;
        let lifetimeSeconds: number | null = null;
        let idleSeconds: number | null = null;
        for (const st of arr(decl.statements)) {
          if (st?.kind === 'refresh.access' && st.mode === 'offline' && st.allowed) mayOffline = true;
          if (st?.kind === 'refresh.lifetime' && typeof st.duration?.seconds === 'number' && !st.duration.missing)
            lifetimeSeconds = st.duration.seconds;
          if (st?.kind === 'refresh.idle' && typeof st.duration?.seconds === 'number' && !st.duration.missing)
            idleSeconds = st.duration.seconds;
        }
        if (mayOffline) offline.set(app, { lifetimeSeconds, idleSeconds });
      }
    }
  }

  const appNames = [...new Set([...users.keys(), ...allowed.keys()])];
  const appClasses: CatalogAppClass[] = appNames.map((app) => {
    const limits = offline.get(app);
    const label = labels.get(app);
    return {
      name: app,
      ...(label !== undefined ? { label } : {}),
      audience: audienceOfUsers(users.get(app) ?? []),
      allowed: allowed.get(app) ?? [],
      denied: denied.get(app) ?? [],
      ...(limits ? { offlineAccess: limits } : {}),
    };
  });
  const longest = longestOffline([...offline.values()]);
  const declared = locales.length > 0 ? locales : ['en'];
  const phrasebooks = phrasebooksFromAst(files);
  return {
    ...(policyName !== undefined ? { name: policyName } : {}),
    locales: declared,
    defaultLocale: defaultLocale ?? declared[0] ?? 'en',
    ...(revokeUri !== undefined ? { revokeUri } : {}),
    entries,
    ...(longest ? { offlineAccess: longest } : {}),
    appClasses,
    ...(phrasebooks ? { phrasebooks } : {}),
    patientNonCompartmentTypes: nonCompartment,
  };
}

/** Every allowed scope of a parsed policy set, with the range it was written at. */
export function allowedScopesFromAst(files: readonly PolicyFile[]): AllowedScope[] {
  const out: AllowedScope[] = [];
  for (const file of arr(files)) {
    const uri = typeof file?.uri === 'string' ? file.uri : undefined;
    for (const decl of arr(file?.declarations)) {
      if (decl?.kind !== 'grant') continue;
      const app = name(decl.app);
      if (app === undefined) continue;
      for (const rule of arr(decl.rules)) {
        if (rule?.effect === 'deny') continue;
        for (const ref of arr(rule?.scopes)) {
          if (!ref || ref.missing || typeof ref.text !== 'string' || ref.text === '') continue;
          const span = spanOf(ref.range, uri);
          out.push({ app, scope: ref.text, ...(span ? { span } : {}) });
        }
      }
    }
  }
  return out;
}
