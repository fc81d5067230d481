/**
 * Finds the noun for a resource scope's data: the policy catalog first (its `explain` block for
 * the type, or for the query value), then the built-in phrasebook. A query that neither can say
 * plainly is rendered as "some of …" and flagged.
 */
import { EXPLAIN_WARNING_CODES } from './explain-types.js';
import type { ExplainWarning } from './explain-types.js';
import type { CatalogQuery, CatalogText } from './explanation-catalog.js';
import { formatMessage } from './messages.js';
import { joinList } from './phrase-list.js';
import { findQualifierKey } from './phrasebook/index.js';
import type { Noun, Phrasebook } from './phrasebook/index.js';
import { catalogEntry, textForLocale } from './render-context.js';
import type { RenderContext } from './render-context.js';
import type { QueryPair } from '../smart/scope-types.js';

/** A noun ready for the frames. */
export interface ResolvedNoun {
  readonly short: string;
  /** A noun phrase completing "This includes …" (built-in). */
  readonly long?: string;
  /** Whole sentences written by the policy; shown as they are. */
  readonly longSentence?: string;
  readonly gender: 'masculine' | 'feminine';
  readonly number: 'singular' | 'plural';
}

/** How the noun relates to the scope's data. */
export type NounQuant = 'plain' | 'only' | 'some' | 'all';

export interface NounResolution {
  readonly noun: ResolvedNoun;
  readonly quant: NounQuant;
  readonly warnings: readonly ExplainWarning[];
}

/** A policy's long text as a sentence: trimmed, with closing punctuation. */
function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?。]$/.test(t) ? t : `${t}.`;
}

/** Drops a leading possessive an author wrote ("your lab results" → "lab results"). */
export function stripPossessive(text: string, book: Phrasebook): string {
  const trimmed = text.trim();
  const lower = trimmed.toLocaleLowerCase(book.locale);
  for (const p of book.possessives) {
    if (lower.startsWith(`${p} `)) return trimmed.slice(p.length + 1).trim();
  }
  return trimmed;
}

function fromBuiltin(noun: Noun): ResolvedNoun {
  return {
    short: noun.short,
    long: noun.long,
    gender: noun.gender === 'feminine' ? 'feminine' : 'masculine',
    number: noun.number === 'singular' ? 'singular' : 'plural',
  };
}

function fromCatalog(text: CatalogText, book: Phrasebook): ResolvedNoun {
  return {
    short: stripPossessive(text.short, book),
    ...(text.long !== undefined && text.long.trim() !== '' ? { longSentence: asSentence(text.long) } : {}),
    gender: text.gender === 'feminine' ? 'feminine' : 'masculine',
    number: text.number === 'singular' ? 'singular' : 'plural',
  };
}

/** "ChargeItemDefinition" → "charge item definition", for types with no plain noun. */
function typeWords(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The noun of a resource type (or `*`), with a warning when there is no plain one. */
export function typeNoun(type: string, ctx: RenderContext): { noun: ResolvedNoun; warnings: ExplainWarning[] } {
  const entry = catalogEntry(ctx, type);
  const text = entry ? textForLocale(entry.texts, ctx.locale, ctx.audience) : undefined;
  if (text && text.short.trim() !== '') return { noun: fromCatalog(text, ctx.book), warnings: [] };
  if (type === '*') return { noun: fromBuiltin(ctx.book.wildcard), warnings: [] };
  const builtin = ctx.book.types[type];
  if (builtin) return { noun: fromBuiltin(builtin), warnings: [] };
  return {
    noun: { short: formatMessage(ctx.book, 'unknownTypeNoun', { words: typeWords(type) }), gender: 'masculine', number: 'plural' },
    warnings: [
      {
        code: EXPLAIN_WARNING_CODES.unknownType,
        message: `no plain-language noun for ${type}: add an explain ${type} block with text for ${ctx.locale}`,
      },
    ],
  };
}

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}

function catalogQuery(type: string, pair: QueryPair, ctx: RenderContext): CatalogQuery | undefined {
  return catalogEntry(ctx, type)?.queries.find((q) => q.param === pair.name && sameValue(q.value, pair.value));
}

/** True for modifiers (`code:in`), chains (`patient.birthdate`) and `_filter`. */
function isExperimental(name: string): boolean {
  return name.includes(':') || name.includes('.') || name === '_filter';
}

/** The noun one query value names: the policy's `where` text, else a built-in qualifier. */
function valueNoun(type: string, pair: QueryPair, ctx: RenderContext): ResolvedNoun | undefined {
  const fromPolicy = catalogQuery(type, pair, ctx);
  const policyText = fromPolicy ? textForLocale(fromPolicy.texts, ctx.locale, ctx.audience) : undefined;
  if (policyText && policyText.short.trim() !== '') return fromCatalog(policyText, ctx.book);
  if (isExperimental(pair.name)) return undefined;
  const key = findQualifierKey(type, pair.name, pair.value);
  const builtin = key ? ctx.book.qualifiers[key.key] : undefined;
  return builtin ? fromBuiltin(builtin) : undefined;
}

/** Splits a FHIR search value on its unescaped commas (`a,b` = a OR b; `\,` is a literal comma). */
export function splitOrList(value: string): string[] {
  return value.split(/(?<!\\),/).filter((v) => v !== '');
}

/** Several nouns said as one ("lab results and vital signs"), agreeing as a plural list. */
function combineNouns(nouns: readonly ResolvedNoun[], ctx: RenderContext): ResolvedNoun {
  const longs = nouns.map((n) => n.long).filter((l): l is string => l !== undefined);
  const sentences = nouns.map((n) => n.longSentence).filter((l): l is string => l !== undefined);
  const first = nouns[0];
  return {
    short: joinList(
      nouns.map((n) => n.short),
      ctx.book,
    ),
    ...(longs.length === nouns.length ? { long: joinList(longs, ctx.book) } : {}),
    ...(longs.length !== nouns.length && sentences.length > 0 ? { longSentence: sentences.join(' ') } : {}),
    // Determiners agree with the nearest noun ("su lista … y preocupaciones"), as Spanish does.
    gender: first?.gender ?? 'masculine',
    number: first?.number ?? 'plural',
  };
}

/** The noun of a resource scope's target: type, wildcard or query-restricted type. */
export function resolveNoun(type: string, query: readonly QueryPair[], ctx: RenderContext): NounResolution {
  const base = typeNoun(type, ctx);
  if (type === '*' && query.length > 0) {
    // `*.rs?category=…` is only the matching part of every type: never "all of your health information".
    return {
      noun: base.noun,
      quant: 'some',
      warnings: [
        ...base.warnings,
        {
          code: EXPLAIN_WARNING_CODES.queryWildcard,
          message: `the wildcard scope is narrowed by a query (${query.map((p) => p.name).join(', ')}), which cannot be said plainly for every kind of data: the screen says "some of" it; prefer scopes that name the resource type`,
        },
      ],
    };
  }
  if (type === '*') return { noun: base.noun, quant: 'all', warnings: base.warnings };
  const [pair, ...more] = query;
  if (pair === undefined) return { noun: base.noun, quant: 'plain', warnings: base.warnings };
  if (more.length > 0) {
    return {
      noun: base.noun,
      quant: 'some',
      warnings: [
        ...base.warnings,
        {
          code: EXPLAIN_WARNING_CODES.queryCompound,
          message: `the query ${query.map((p) => `${p.name}=${p.value}`).join('&')} combines ${query.length} conditions and cannot be said in one plain sentence: split the scope or document it for users`,
        },
      ],
    };
  }
  const whole = valueNoun(type, pair, ctx);
  if (whole) return { noun: whole, quant: 'only', warnings: base.warnings };
  // `category=laboratory,vital-signs` is an OR list: "lab results and vital signs" when each value can be said.
  const parts = splitOrList(pair.value);
  if (parts.length > 1) {
    const nouns = parts.map((value) => valueNoun(type, { name: pair.name, value }, ctx));
    if (nouns.every((n): n is ResolvedNoun => n !== undefined)) {
      return { noun: combineNouns(nouns, ctx), quant: 'only', warnings: base.warnings };
    }
  }
  const code = isExperimental(pair.name) ? EXPLAIN_WARNING_CODES.queryExperimental : EXPLAIN_WARNING_CODES.queryUnexplained;
  const why = isExperimental(pair.name) ? 'uses a search modifier, chain or _filter' : 'has no plain-language text';
  return {
    noun: base.noun,
    quant: 'some',
    warnings: [
      ...base.warnings,
      {
        code,
        message: `the query ${pair.name}=${pair.value} on ${type} ${why}: add "where ${pair.name} = ${pair.value} { ${ctx.locale} \\"…\\" }" to explain ${type}, or change the scope`,
      },
    ],
  };
}
