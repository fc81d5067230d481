/**
 * Completion at an offset: keywords of the block the cursor is in, resource types, permission
 * letters in `cruds` order, search parameters of the type before a `?` and the shape of their
 * values, locale tags, app class names, option names and values, and lint codes in ignore
 * comments. Pure: reads the linked set and the document text.
 */
import { EXPECTED } from '../language/statement-keywords.js';
import {
  AUTH_METHODS,
  BINDINGS,
  CLIENT_TYPES,
  CONTEXT_PARAMETERS,
  GRANT_TYPES,
  LAUNCH_MODES,
  REGISTRATION_KINDS,
  USER_TYPES,
} from '../language/vocabulary.js';
import { R4_RESOURCE_TYPES } from '../fhir/resource-types.js';
import { lookupSearchParameter, searchParameterCodes } from '../fhir/search-parameters.js';
import { SETTABLE_OPTIONS, optionByKeyword } from '../options/index.js';
import { defaultRegistry, type RuleRegistry } from '../check/rule-registry.js';
import { textOf } from '../model/safe.js';
import { completionContext, type CompletionContext } from './completion-context.js';
import type { LinkedSet, ParsedDocument } from './service-types.js';

export type CompletionKind = 'keyword' | 'type' | 'value' | 'reference' | 'property' | 'code' | 'snippet';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Text inserted instead of `label` (replacing from `replaceFrom`). */
  readonly insertText?: string;
  /** Order among the items (lower first); the label otherwise. */
  readonly sortText?: string;
}

export interface CompletionResult {
  /** The offset the completion replaces from (the start of the partial word). */
  readonly replaceFrom: number;
  readonly items: readonly CompletionItem[];
}

/** Locale tags offered in `locales`: those with a built-in phrasebook first, then common ones. */
const LOCALE_TAGS = ['en', 'es', 'fr', 'de', 'pt', 'pt-BR', 'zh', 'vi', 'ko', 'ar', 'ru', 'tl', 'ja', 'it', 'pl', 'hi', 'fa', 'ht'];
const PERMISSION_ORDER = 'cruds';
const SCOPE_STARTS = [
  'patient/',
  'user/',
  'system/',
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
];
const VALUE_SHAPES: Readonly<Record<string, string>> = {
  token: 'system|code (e.g. http://loinc.org|1234-5)',
  reference: 'Type/id (e.g. Patient/123)',
  date: 'a date or prefixed date (e.g. ge2024-01-01)',
  string: 'text',
  uri: 'an absolute URI',
  number: 'a number',
  quantity: 'value|system|code',
  composite: 'value$value',
  special: 'a parameter-specific expression',
};

export function completionsAt(
  set: LinkedSet,
  doc: ParsedDocument,
  offset: number,
  registry: RuleRegistry = defaultRegistry,
): CompletionResult {
  const ctx = completionContext(doc.text, offset);
  return { replaceFrom: replaceFrom(ctx), items: itemsFor(ctx, set, registry) };
}

function replaceFrom(ctx: CompletionContext): number {
  if (ctx.comment !== undefined) {
    const word = /[\w.-]*$/.exec(ctx.comment)?.[0] ?? '';
    return ctx.partialStart - word.length;
  }
  // Inside a scope, only the segment after the last separator is replaced.
  const cut = Math.max(
    ctx.partial.lastIndexOf('/'),
    ctx.partial.lastIndexOf('.'),
    ctx.partial.lastIndexOf('?'),
    ctx.partial.lastIndexOf('&'),
    ctx.partial.lastIndexOf('='),
  );
  return ctx.partialStart + (cut === -1 ? 0 : cut + 1);
}

function itemsFor(ctx: CompletionContext, set: LinkedSet, registry: RuleRegistry): CompletionItem[] {
  if (ctx.comment !== undefined) return ignoreCodes(ctx.comment, registry);
  const scope = /^(patient|user|system)\/(.*)$/.exec(ctx.partial);
  if (scope) return scopeItems(scope[2] ?? '');
  const block = ctx.blocks[ctx.blocks.length - 1] ?? '';
  const [head, second] = ctx.lineWords;
  const apps = () =>
    set.index.apps
      .map((a) => textOf(a.node.name) ?? '')
      .filter((n) => n !== '')
      .map((n) => item(n, 'reference', 'app class'));
  const locales = () => declaredLocales(set).map((l) => item(l, 'value', 'declared locale'));
  if (head === undefined && (block === 'explain' || block === 'where')) return [...locales(), ...keywordItems(block)];
  if (head === undefined) return keywordItems(block === '' ? 'file' : block);
  if (block === '' && ['grant', 'refresh', 'registration'].includes(head) && second === undefined) return apps();
  if (block === '' && head === 'context' && second === 'for' && ctx.lineWords.length === 2) return apps();
  if (block === '' && head === 'context' && second === undefined) return [item('for', 'keyword')];
  if (block === '' && head === 'explain' && second === undefined) return typeItems();
  if (block === '' && head === 'phrasebook' && second === undefined) return locales();
  if (block === 'token' && head === 'app') return apps();
  if (block === 'policy') return policyItems(ctx.lineWords);
  if (block === 'app') return appValues(head);
  if (block === 'grant' && (head === 'allow' || head === 'deny')) return grantItems(ctx.lineWords);
  if ((block === 'explain' || block === 'where') && ctx.lineWords.length >= 1) return explainTail(ctx.lineWords);
  if (block === 'refresh' && head === 'bind') return [...BINDINGS, 'none'].map((b) => item(b, 'value'));
  if (block === 'token' && head === 'grant') return GRANT_TYPES.map((g) => item(g, 'value'));
  if (block === 'token' && head === 'launch') return LAUNCH_MODES.map((l) => item(l, 'value'));
  if (block === 'context' && ctx.lineWords.includes('requires')) return CONTEXT_PARAMETERS.map((p) => item(p, 'value'));
  if (block === 'token' && head === 'scope') return SCOPE_STARTS.map((s) => item(s, 'value', 'scope'));
  return [];
}

function item(
  label: string,
  kind: CompletionKind,
  detail?: string,
  extra: { insertText?: string; sortText?: string } = {},
): CompletionItem {
  return { label, kind, ...(detail !== undefined ? { detail } : {}), ...extra };
}

function keywordItems(block: string): CompletionItem[] {
  const words = Object.hasOwn(EXPECTED, block) ? (EXPECTED[block] ?? []) : [];
  return words
    .filter((w) => !w.startsWith('<'))
    .map((w, i) => item(w, 'keyword', `${block === 'file' ? 'top-level' : block} statement`, { sortText: String(i).padStart(3, '0') }));
}

function typeItems(): CompletionItem[] {
  return R4_RESOURCE_TYPES.map((t) => item(t, 'type', 'FHIR R4 resource type'));
}

/** After `patient/`: types; after `Type.`: letters in cruds order; after `?`/`&`: parameters; after `=`: the value's shape. */
function scopeItems(rest: string): CompletionItem[] {
  const query = rest.indexOf('?');
  const type = /^([A-Za-z*]+)/.exec(rest)?.[1] ?? '*';
  if (query !== -1) {
    const tail =
      rest
        .slice(query + 1)
        .split('&')
        .pop() ?? '';
    const eq = tail.indexOf('=');
    if (eq !== -1) {
      const lookup = lookupSearchParameter(type, tail.slice(0, eq).split(':')[0] ?? '');
      const shape = lookup.kind === 'search' ? (VALUE_SHAPES[lookup.definition.type] ?? 'a value') : 'a value';
      return [item(`<${shape}>`, 'snippet', `value of ${tail.slice(0, eq)}`, { insertText: '' })];
    }
    return searchParameterCodes(type).map((code) => {
      const lookup = lookupSearchParameter(type, code);
      const kind = lookup.kind === 'search' ? lookup.definition.type : 'parameter';
      return item(code, 'property', `${kind} search parameter of ${type}`, { insertText: `${code}=` });
    });
  }
  const dot = rest.indexOf('.');
  if (dot === -1) return [item('*', 'type', 'every resource type', { sortText: '000' }), ...typeItems()];
  const typed = rest.slice(dot + 1);
  return letterCombinations()
    .filter((letters) => letters.startsWith(typed) || typed === '')
    .map((letters, i) => item(letters, 'value', describeLetters(letters), { sortText: String(i).padStart(3, '0') }));
}

/** Every non-empty subset of `cruds` in that order; the common read/search forms first. */
function letterCombinations(): string[] {
  const out: string[] = [];
  for (let mask = 1; mask < 32; mask++) {
    let s = '';
    for (let i = 0; i < 5; i++) if (mask & (1 << (4 - i))) s += PERMISSION_ORDER[i];
    out.push(s);
  }
  const first = ['rs', 'r', 's', 'cruds', 'cud'];
  return [...first, ...out.filter((s) => !first.includes(s)).sort((a, b) => a.length - b.length || a.localeCompare(b))];
}

function describeLetters(letters: string): string {
  const words: Record<string, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
  return [...letters].map((l) => words[l] ?? l).join(', ');
}

function policyItems(words: readonly string[]): CompletionItem[] {
  const [head, second] = words;
  if (head === 'fhir') return [item('R4', 'value', 'FHIR R4 (4.0.1)')];
  if (head === 'locales')
    return LOCALE_TAGS.filter((l) => !words.includes(l)).map((l, i) =>
      item(l, 'value', 'locale tag', { sortText: String(i).padStart(3, '0') }),
    );
  if (head === 'default' && second === undefined) return [item('locale', 'keyword')];
  if (head === 'default' && second === 'locale') return [];
  if (head === 'option' && second === undefined) {
    return SETTABLE_OPTIONS.map((o) => item(o.definition.keyword, 'property', o.definition.doc));
  }
  if (head === 'option' && second !== undefined) {
    const option = optionByKeyword(second);
    if (!option) return [];
    const d = option.definition;
    if (d.kind === 'choice') return d.values.map((v) => item(v, 'value', v === d.default ? 'default' : undefined));
    return [];
  }
  return [];
}

function appValues(head: string | undefined): CompletionItem[] {
  const values: Readonly<Record<string, readonly string[]>> = {
    client: CLIENT_TYPES,
    auth: AUTH_METHODS,
    registration: REGISTRATION_KINDS,
    user: USER_TYPES,
    launch: LAUNCH_MODES,
  };
  return (head !== undefined && Object.hasOwn(values, head) ? (values[head] ?? []) : []).map((v) => item(v, 'value'));
}

function grantItems(words: readonly string[]): CompletionItem[] {
  const hasScope = words.length > 1 && words[1] !== 'as';
  const scopes = SCOPE_STARTS.map((s, i) => item(s, 'value', 'scope', { sortText: `1${String(i).padStart(2, '0')}` }));
  if (words.length === 1) return [item('as', 'keyword', 'name this rule', { sortText: '000' }), ...scopes];
  if (!hasScope) return scopes;
  return [item('when', 'keyword', 'a condition'), item('because', 'keyword', 'the reason (deny)'), ...scopes];
}

function explainTail(words: readonly string[]): CompletionItem[] {
  if (words.some((w) => w.startsWith('"'))) return [];
  return [item('long', 'keyword', 'the long text'), item('short', 'keyword')];
}

function declaredLocales(set: LinkedSet): string[] {
  return [...new Set(set.index.locales.map((l) => textOf(l.node) ?? '').filter((l) => l !== ''))];
}

function ignoreCodes(comment: string, registry: RuleRegistry): CompletionItem[] {
  if (!/^#\s*smart-policy-ignore(-file)?\s+([\w.-]+\s*,\s*)*[\w.-]*$/.test(comment)) {
    return /^#\s*[\w-]*$/.test(comment) ? [item('smart-policy-ignore', 'keyword', 'ignore a finding on the next line')] : [];
  }
  return registry.all().map((r) => item(r.code, 'code', r.summary));
}
