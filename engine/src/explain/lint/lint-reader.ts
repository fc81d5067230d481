/**
 * Text that speaks to the wrong reader: a data text written in the first or second person ("Vaccines
 * you have had") reaches the consent screen of a caregiver or clinician app class, where "you"
 * is not the patient. Scope-word texts (`offline_access`, `launch`) are exempt: their "you" is
 * whoever uses the app. A variant for the audience (`en long "…" for caregiver`) fixes it.
 */
import type { CatalogAudience, ExplanationCatalog } from '../explanation-catalog.js';
import { languageOf } from '../phrasebook/index.js';
import { parseScopeCached as parseScope } from '../../smart/parse-scope.js';
import { catalogTexts, describeItem } from './catalog-texts.js';
import { words } from './reading-level.js';
import { CONSENT_LINT_CODES } from './lint-types.js';
import type { ConsentFinding } from './lint-types.js';

/** First- and second-person words per language (lower case); "su"/"le" are also third person, so not listed. */
const PERSONAL_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'you',
    'your',
    'yours',
    'yourself',
    'i',
    'me',
    'my',
    'mine',
    'myself',
    'you’ve',
    "you've",
    'you’re',
    "you're",
    'you’ll',
    "you'll",
    'i’m',
    "i'm",
  ],
  es: ['usted', 'ustedes', 'tú', 'te', 'ti', 'tu', 'tus', 'contigo', 'vos', 'yo', 'mí', 'mi', 'mis', 'me', 'conmigo'],
};

/** The first- or second-person words of a text in a language this lint knows. */
export function personalWords(text: string, locale: string): string[] {
  const list = PERSONAL_WORDS[languageOf(locale)];
  if (!list) return [];
  const found: string[] = [];
  for (const w of words(text)) {
    const lower = w.toLowerCase();
    if (list.includes(lower) && !found.includes(lower)) found.push(lower);
  }
  return found;
}

/** Resource types (and `*`) each caregiver or clinician app class may be granted: the texts its screen shows. */
function targetsByAudience(catalog: ExplanationCatalog): Map<string, { audience: CatalogAudience; app: string }[]> {
  const out = new Map<string, { audience: CatalogAudience; app: string }[]>();
  for (const app of catalog.appClasses ?? []) {
    if (app.audience !== 'caregiver' && app.audience !== 'clinician') continue;
    for (const scope of app.allowed) {
      const parsed = parseScope(scope);
      if (!parsed.ok || parsed.scope.type !== 'resource') continue;
      const list = out.get(parsed.scope.resourceType) ?? [];
      if (!list.some((e) => e.app === app.name)) list.push({ audience: app.audience, app: app.name });
      out.set(parsed.scope.resourceType, list);
    }
  }
  return out;
}

/** Data texts in the first or second person that a caregiver's or clinician's screen would show. */
export function lintWrongReader(catalog: ExplanationCatalog): ConsentFinding[] {
  const readers = targetsByAudience(catalog);
  const out: ConsentFinding[] = [];
  for (const item of catalogTexts(catalog)) {
    if (item.audience === 'patient') continue;
    const apps = readers.get(item.target);
    if (!apps) continue;
    const personal = personalWords(item.text, item.locale);
    if (personal.length === 0) continue;
    // A general text reaches every audience that has no variant of this form; a variant, its own audience.
    const reached = apps.filter((a) =>
      item.audience === undefined ? !hasVariant(catalog, item, a.audience) : a.audience === item.audience,
    );
    const first = reached[0];
    if (!first) continue;
    out.push({
      code: CONSENT_LINT_CODES.wrongReader,
      message: `${describeItem(item)} says "${personal.join('", "')}", but app class ${first.app} shows it to a ${first.audience}, for whom the data is not theirs; add a variant \`${item.locale}${item.form === 'long' ? ' long' : ''} "…" for ${first.audience}\` or use words that fit every reader ("the patient", "vaccines given").`,
      ...(item.span ? { span: item.span } : {}),
      data: {
        locale: item.locale,
        target: item.target,
        form: item.form,
        words: personal,
        audience: first.audience,
        app: first.app,
        insert: `${item.locale}${item.form === 'long' ? ' long' : ''} "" for ${first.audience}`,
      },
    });
  }
  return out;
}

function hasVariant(
  catalog: ExplanationCatalog,
  item: { target: string; param?: string; value?: string; locale: string; form: 'short' | 'long' },
  audience: CatalogAudience,
): boolean {
  const entry = Object.hasOwn(catalog.entries, item.target) ? catalog.entries[item.target] : undefined;
  const texts =
    item.param === undefined ? entry?.texts : entry?.queries.find((q) => q.param === item.param && q.value === item.value)?.texts;
  const v = texts && Object.hasOwn(texts, item.locale) ? texts[item.locale]?.variants?.[audience] : undefined;
  return item.form === 'long' ? v?.long !== undefined : v?.short !== undefined;
}
