/**
 * Durations in refresh text that the policy does not enforce: an `offline_access` text that
 * says "up to 90 days" shown for an app class whose refresh rules say `lifetime 30d`. Written
 * durations (digits or small number words, English and Spanish units) must equal the lifetime
 * or idle limit of every app class that may get offline access; better, write `{lifetime}` and
 * `{idle}`, which the renderer fills per class. A placeholder for a limit a class does not have
 * is reported too (the renderer then shows the built-in sentence).
 */
import type { CatalogAppClass, ExplanationCatalog } from '../explanation-catalog.js';
import { languageOf } from '../phrasebook/index.js';
import { placeholdersIn } from '../placeholders.js';
import { catalogTexts, describeItem } from './catalog-texts.js';
import { CONSENT_LINT_CODES } from './lint-types.js';
import type { ConsentFinding } from './lint-types.js';

const DAY = 86_400;
const UNIT_SECONDS: readonly (readonly [RegExp, number])[] = [
  [/^(?:seconds?|segundos?)$/, 1],
  [/^(?:minutes?|minutos?)$/, 60],
  [/^(?:hours?|horas?)$/, 3_600],
  [/^(?:days?|d[ií]as?)$/, DAY],
  [/^(?:weeks?|semanas?)$/, 7 * DAY],
  [/^(?:months?|mes|meses)$/, 30 * DAY],
  [/^(?:years?|años?)$/, 365 * DAY],
];

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  a: 1,
  an: 1,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  catorce: 14,
  treinta: 30,
  sesenta: 60,
  noventa: 90,
};

const DURATION =
  /(\d+|[a-záéíóúñ]+)[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?)(?![\p{L}])/giu;

/** Durations written in a text, in seconds, with how they were written. */
export function writtenDurations(text: string, locale: string): { written: string; seconds: number }[] {
  if (!['en', 'es'].includes(languageOf(locale))) return [];
  const out: { written: string; seconds: number }[] = [];
  for (const m of text.matchAll(DURATION)) {
    const amountWord = (m[1] ?? '').toLowerCase();
    const amount = /^\d+$/.test(amountWord) ? Number(amountWord) : NUMBER_WORDS[amountWord];
    const unit = (m[2] ?? '').toLowerCase();
    const size = UNIT_SECONDS.find(([re]) => re.test(unit))?.[1];
    if (amount === undefined || size === undefined) continue;
    out.push({ written: m[0], seconds: amount * size });
  }
  return out;
}

function offlineClasses(catalog: ExplanationCatalog): CatalogAppClass[] {
  return (catalog.appClasses ?? []).filter(
    (a) => a.offlineAccess !== undefined && a.allowed.some((s) => s.split(/\s+/).includes('offline_access')),
  );
}

/** Refresh texts quoting durations (or placeholders) that disagree with an app class's refresh rules. */
export function lintDurationMismatch(catalog: ExplanationCatalog): ConsentFinding[] {
  const classes = offlineClasses(catalog);
  if (classes.length === 0) return [];
  const out: ConsentFinding[] = [];
  for (const item of catalogTexts(catalog)) {
    if (item.target !== 'offline_access') continue;
    for (const app of classes) {
      const lifetime = app.offlineAccess?.lifetimeSeconds ?? null;
      const idle = app.offlineAccess?.idleSeconds ?? null;
      const wrong = writtenDurations(item.text, item.locale).find((d) => d.seconds !== lifetime && d.seconds !== idle);
      const unfilled = placeholdersIn(item.text).filter((p) => (p === 'lifetime' ? lifetime : idle) === null);
      if (!wrong && unfilled.length === 0) continue;
      const limits = `lifetime ${lifetime === null ? 'unlimited' : `${lifetime / DAY}d`}, idle ${idle === null ? 'unlimited' : `${idle / DAY}d`}`;
      out.push({
        code: CONSENT_LINT_CODES.durationMismatch,
        message: wrong
          ? `${describeItem(item)} says "${wrong.written}", but app class ${app.name} keeps offline access for ${limits}; write {lifetime} or {idle}, which the consent screen fills from the policy.`
          : `${describeItem(item)} uses ${unfilled.map((p) => `{${p}}`).join(' and ')}, but app class ${app.name} has no such limit (${limits}); its screen shows the built-in sentence instead.`,
        ...(item.span ? { span: item.span } : {}),
        data: {
          locale: item.locale,
          target: item.target,
          form: item.form,
          app: app.name,
          lifetimeSeconds: lifetime,
          idleSeconds: idle,
          ...(wrong ? { written: wrong.written, writtenSeconds: wrong.seconds, replacement: '{lifetime}' } : { placeholders: unfilled }),
        },
      });
      break; // one finding per text is enough to fix it
    }
  }
  return out;
}
