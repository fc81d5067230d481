/**
 * Does a resource match the query of a query-restricted scope, with FHIR search semantics?
 * `&` is AND across pairs; `,` inside one value is OR; a parameter matches when ANY element it
 * selects matches. Values come from the R4 search parameters' expressions (compiled once per
 * type and parameter). Chains, `_filter`, `_has`, composite and other unsupported features never
 * match: a scope we cannot evaluate covers nothing (fail closed), and the reason says so.
 */
import { lookupSearchParameter, type SearchParameterDefinition } from '../fhir/search-parameters.js';
import type { QueryPair } from '../smart/scope-types.js';
import { compareRange, elementDateRanges, parseDateRange, type DateRange } from './date-range.js';
import { compileAccessor } from './element-accessor.js';
import { classifyReference, parseReference, referenceString } from './fhir-reference.js';
import { isResourceType } from '../fhir/resource-types.js';
import type { ServerBase } from './server-base.js';
import { percentDecode, splitEscaped, splitModifier, splitPrefix, splitToken } from './search-syntax.js';

/** One compiled `name=value` pair of a scope query. */
export interface CompiledPair {
  readonly name: string;
  /** The value as compared (decoded when the option says so). */
  readonly value: string;
  /**
   * Tests a resource; never throws. `base` is this server's own base: an absolute reference in the
   * resource counts only under it (absent: every absolute reference is foreign and matches nothing).
   */
  readonly test: (resource: object, base?: ServerBase) => boolean;
  /** Set when the pair cannot be evaluated: it then never matches. */
  readonly unsupported?: string;
  /** The checker's code for the policy problem that makes the pair unusable, when it has one. */
  readonly problem?: string;
}

/** A scope query compiled for one resource type. */
export interface CompiledQuery {
  readonly resourceType: string;
  readonly pairs: readonly CompiledPair[];
}

/** What `smart-policy check` reports for a scope query naming no search parameter of its type. */
export const UNKNOWN_PARAMETER = 'semantic.unknown-search-parameter';
const NEVER = (): boolean => false;
const ALWAYS = (): boolean => true;

/**
 * Compiles query pairs for a resource type. `decode` percent-decodes the values first (option
 * `scopeQueryValues`).
 */
export function compileQuery(resourceType: string, pairs: readonly QueryPair[], decode = true): CompiledQuery {
  return { resourceType, pairs: pairs.map((p) => compilePair(resourceType, p, decode)) };
}

/** `null` when the resource matches every pair; otherwise the reason it does not. */
export function matchQuery(resource: object, query: CompiledQuery, base?: ServerBase): string | null {
  const rt = (resource as { resourceType?: unknown }).resourceType;
  if (rt !== query.resourceType) return `the resource is not a ${query.resourceType}`;
  const pairs = query.pairs;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i] as CompiledPair;
    if (!p.test(resource, base)) {
      return p.unsupported !== undefined
        ? `${p.name}=${p.value} cannot be evaluated (${p.unsupported}), so it matches nothing`
        : `the resource does not match ${p.name}=${p.value}`;
    }
  }
  return null;
}

/**
 * Index of the first pair the resource does not match, -1 when it matches all, -2 when it is not
 * of the query's type. Allocation-free counterpart of `matchQuery` for the decision hot path.
 */
export function firstMismatch(resource: object, query: CompiledQuery, base?: ServerBase): number {
  if ((resource as { resourceType?: unknown }).resourceType !== query.resourceType) return -2;
  const pairs = query.pairs;
  for (let i = 0; i < pairs.length; i++) if (!(pairs[i] as CompiledPair).test(resource, base)) return i;
  return -1;
}

/** Why a resource fails pair `index` of a query (the message `matchQuery` gives). */
export function mismatchMessage(query: CompiledQuery, index: number): string {
  if (index === -2) return `the resource is not a ${query.resourceType}`;
  const p = query.pairs[index];
  if (p === undefined) return 'the resource does not match the query';
  return p.unsupported !== undefined
    ? `${p.name}=${p.value} cannot be evaluated (${p.unsupported}), so it matches nothing`
    : `the resource does not match ${p.name}=${p.value}`;
}

/** Convenience: does `resource` match the pairs (compiled and cached per call site by the caller)? */
export function matchesQuery(resource: object, pairs: readonly QueryPair[], decode = true): boolean {
  const rt = (resource as { resourceType?: unknown }).resourceType;
  if (typeof rt !== 'string') return false;
  return matchQuery(resource, compileQuery(rt, pairs, decode)) === null;
}

function unsupported(name: string, value: string, why: string): CompiledPair {
  return { name, value, test: NEVER, unsupported: why };
}

function compilePair(resourceType: string, pair: QueryPair, decode: boolean): CompiledPair {
  const name = pair.name;
  const value = decode ? percentDecode(pair.value) : pair.value;
  if (value === undefined) return unsupported(name, pair.value, 'malformed percent-encoding');
  const { base, modifier } = splitModifier(name);
  // The checker's lookup: what the checker refuses in a policy never matches here.
  const lookup = lookupSearchParameter(resourceType, base);
  if (lookup.kind === 'result') return { name, value, test: ALWAYS };
  if (base.indexOf('.') >= 0) return unsupported(name, value, 'chained parameters are not evaluated');
  if (lookup.kind === 'type-selector' || base === '_query' || (lookup.kind === 'search' && lookup.definition.type === 'special')) {
    return unsupported(name, value, `${base} is not evaluated against a resource`);
  }
  if (lookup.kind !== 'search') {
    return { ...unsupported(name, value, `${base} is not a search parameter of ${resourceType}`), problem: UNKNOWN_PARAMETER };
  }
  const def = lookup.definition;
  if (def.expression === undefined) return unsupported(name, value, `${base} has no FHIRPath expression`);
  const accessor = compileAccessor(resourceType, def.expression);
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') return unsupported(name, value, ':missing takes true or false');
    const want = value === 'true';
    return { name, value, test: (r) => (accessor(r).length === 0) === want };
  }
  const alternatives = splitEscaped(value, ',');
  let one: ElementTest | string;
  switch (def.type) {
    case 'token':
      one = tokenMatcher(alternatives, modifier);
      break;
    case 'reference':
      one = referenceMatcher(alternatives, modifier, def);
      break;
    case 'string':
      one = stringMatcher(alternatives, modifier);
      break;
    case 'date':
      one = dateMatcher(alternatives, modifier);
      break;
    case 'uri':
      one = uriMatcher(alternatives, modifier);
      break;
    case 'number':
      one = numberMatcher(alternatives, modifier, false);
      break;
    case 'quantity':
      one = numberMatcher(alternatives, modifier, true);
      break;
    default:
      one = `${def.type} parameters are not evaluated`;
  }
  if (typeof one === 'string') return unsupported(name, value, one);
  const matchOne = one;
  if (def.type === 'token' && modifier === 'not') {
    // :not — no element matches any alternative (resources without the element match too).
    return { name, value, test: (r, base) => !anyElement(accessor(r), matchOne, base) };
  }
  return { name, value, test: (r, base) => anyElement(accessor(r), matchOne, base) };
}

/** Tests one element a parameter selects; only reference tests look at the server base. */
type ElementTest = (el: unknown, base: ServerBase | undefined) => boolean;

function anyElement(elements: readonly unknown[], test: ElementTest, base: ServerBase | undefined): boolean {
  for (let i = 0; i < elements.length; i++) if (test(elements[i], base)) return true;
  return false;
}

// ---- token -------------------------------------------------------------------------------

interface TokenValue {
  readonly system: string | undefined;
  readonly code: string;
}

function tokenMatcher(alternatives: readonly string[], modifier: string | undefined): ((el: unknown) => boolean) | string {
  if (modifier === 'text') {
    const texts = alternatives.map(normalizeText);
    return (el) => {
      const t = tokenText(el);
      if (t === undefined) return false;
      const n = normalizeText(t);
      return texts.some((x) => n.startsWith(x));
    };
  }
  if (modifier !== undefined && modifier !== 'not') return `the :${modifier} token modifier is not supported`;
  const values: TokenValue[] = alternatives.map(splitToken);
  return (el) => {
    for (let i = 0; i < values.length; i++) if (tokenMatches(el, values[i] as TokenValue)) return true;
    return false;
  };
}

function tokenMatches(el: unknown, v: TokenValue): boolean {
  if (typeof el === 'string' || typeof el === 'boolean' || typeof el === 'number') {
    // Primitive codes carry no system: `code` and `|code` match, `system|code` does not.
    return (v.system === undefined || v.system === '') && String(el) === v.code;
  }
  if (el === null || typeof el !== 'object') return false;
  const o = el as Record<string, unknown>;
  const coding = o['coding'];
  if (Array.isArray(coding)) {
    for (const c of coding) if (codingMatches(c, v, 'code')) return true;
    return false;
  }
  if ('code' in o) return codingMatches(o, v, 'code');
  if ('value' in o) return codingMatches(o, v, 'value'); // Identifier, ContactPoint
  return false;
}

function codingMatches(c: unknown, v: TokenValue, codeKey: 'code' | 'value'): boolean {
  if (c === null || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  const sys = o['system'];
  const code = o[codeKey];
  if (v.system === undefined) return code === v.code;
  if (v.system === '') return sys === undefined && code === v.code;
  if (sys !== v.system) return false;
  return v.code === '' || code === v.code;
}

function tokenText(el: unknown): string | undefined {
  if (el === null || typeof el !== 'object') return undefined;
  const o = el as Record<string, unknown>;
  if (typeof o['text'] === 'string') return o['text'];
  if (typeof o['display'] === 'string') return o['display'];
  const coding = o['coding'];
  if (Array.isArray(coding)) {
    for (const c of coding) {
      const d = (c as Record<string, unknown> | null)?.['display'];
      if (typeof d === 'string') return d;
    }
  }
  const type = o['type'] as Record<string, unknown> | undefined;
  if (type !== undefined && typeof type === 'object' && typeof type['text'] === 'string') return type['text'];
  return undefined;
}

// ---- string ------------------------------------------------------------------------------

/** Case- and accent-insensitive form (FHIR string search). */
export function normalizeText(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  const lower = s.toLowerCase();
  return ascii ? lower : lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const STRING_KEYS = [
  'family',
  'given',
  'text',
  'prefix',
  'suffix',
  'line',
  'city',
  'district',
  'state',
  'postalCode',
  'country',
  'value',
  'display',
];

function collectStrings(el: unknown, out: string[]): void {
  if (typeof el === 'string') {
    out.push(el);
    return;
  }
  if (el === null || typeof el !== 'object' || Array.isArray(el)) return;
  const o = el as Record<string, unknown>;
  for (const k of STRING_KEYS) {
    const v = o[k];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
}

function stringMatcher(alternatives: readonly string[], modifier: string | undefined): ((el: unknown) => boolean) | string {
  if (modifier === 'exact') {
    return (el) => {
      const strs: string[] = [];
      collectStrings(el, strs);
      return strs.some((s) => alternatives.includes(s));
    };
  }
  if (modifier !== undefined && modifier !== 'contains') return `the :${modifier} string modifier is not supported`;
  const wanted = alternatives.map(normalizeText);
  const contains = modifier === 'contains';
  return (el) => {
    const strs: string[] = [];
    collectStrings(el, strs);
    for (const s of strs) {
      const n = normalizeText(s);
      for (const w of wanted) if (contains ? n.includes(w) : n.startsWith(w)) return true;
    }
    return false;
  };
}

// ---- reference ---------------------------------------------------------------------------

function referenceMatcher(
  alternatives: readonly string[],
  modifier: string | undefined,
  def: SearchParameterDefinition,
): ElementTest | string {
  if (modifier === 'identifier') {
    const values = alternatives.map(splitToken);
    return (el) => {
      if (el === null || typeof el !== 'object') return false;
      const ident = (el as Record<string, unknown>)['identifier'];
      return values.some((v) => codingMatches(ident, v, 'value'));
    };
  }
  let typeModifier: string | undefined;
  if (modifier !== undefined) {
    if (!isResourceType(modifier)) return `the :${modifier} reference modifier is not supported`;
    typeModifier = modifier;
  }
  const targets = def.target ?? [];
  const wanted: { type: string | undefined; id: string; raw: string }[] = [];
  for (const alt of alternatives) {
    if (alt.length === 0) continue;
    const parsed = alt.indexOf('/') >= 0 ? parseReference(alt) : undefined;
    if (parsed !== undefined) {
      if (typeModifier !== undefined && parsed.type !== typeModifier) continue;
      wanted.push({ type: parsed.type, id: parsed.id, raw: alt });
    } else if (alt.indexOf('/') < 0 && alt.indexOf(':') < 0) {
      wanted.push({ type: typeModifier, id: alt, raw: alt });
    } else {
      wanted.push({ type: undefined, id: '', raw: alt }); // canonical URL: compared as a string
    }
  }
  return (el, base) => {
    let refStr: string | undefined;
    if (typeof el === 'string')
      refStr = el; // canonical elements
    else refStr = referenceString(el);
    if (refStr === undefined) return false;
    // A literal reference names a resource of this server only when relative or under its own base
    // (the same rule as the Patient compartment): another server's Patient/123 is not ours.
    const kind = classifyReference(refStr, base);
    const parsed = kind.kind === 'local' ? { type: kind.type, id: kind.id } : undefined;
    for (const w of wanted) {
      if (w.id === '') {
        const bar = refStr.indexOf('|');
        if ((bar < 0 ? refStr : refStr.slice(0, bar)) === w.raw) return true;
        continue;
      }
      if (parsed === undefined || parsed.id !== w.id) continue;
      if (w.type !== undefined ? parsed.type === w.type : targets.length === 0 || targets.includes(parsed.type)) return true;
    }
    return false;
  };
}

// ---- date --------------------------------------------------------------------------------

function dateMatcher(alternatives: readonly string[], modifier: string | undefined): ((el: unknown) => boolean) | string {
  if (modifier !== undefined) return `the :${modifier} date modifier is not supported`;
  const wanted: { prefix: string; range: DateRange }[] = [];
  for (const alt of alternatives) {
    const { prefix, rest } = splitPrefix(alt);
    const range = parseDateRange(rest);
    if (range === undefined) return `${alt} is not a FHIR date`;
    wanted.push({ prefix, range });
  }
  return (el) => {
    const ranges: DateRange[] = [];
    elementDateRanges(el, ranges);
    for (const r of ranges) for (const w of wanted) if (compareRange(w.prefix, r, w.range)) return true;
    return false;
  };
}

// ---- uri ---------------------------------------------------------------------------------

function uriMatcher(alternatives: readonly string[], modifier: string | undefined): ((el: unknown) => boolean) | string {
  if (modifier !== undefined && modifier !== 'below' && modifier !== 'above') {
    return `the :${modifier} uri modifier is not supported`;
  }
  return (el) => {
    if (typeof el !== 'string') return false;
    for (const a of alternatives) {
      if (modifier === 'below' ? el.startsWith(a) : modifier === 'above' ? a.startsWith(el) : el === a) return true;
    }
    return false;
  };
}

// ---- number and quantity -----------------------------------------------------------------

function numberMatcher(
  alternatives: readonly string[],
  modifier: string | undefined,
  quantity: boolean,
): ((el: unknown) => boolean) | string {
  if (modifier !== undefined) return `the :${modifier} modifier is not supported here`;
  const wanted: { prefix: string; value: number; half: number; system?: string; code?: string }[] = [];
  for (const alt of alternatives) {
    const parts = quantity ? splitEscaped(alt, '|') : [alt];
    const { prefix, rest } = splitPrefix(parts[0] ?? '');
    const value = Number(rest);
    if (rest.length === 0 || !Number.isFinite(value)) return `${alt} is not a number`;
    const dot = rest.indexOf('.');
    const decimals = dot < 0 ? 0 : rest.length - dot - 1;
    const w: { prefix: string; value: number; half: number; system?: string; code?: string } = {
      prefix,
      value,
      half: 0.5 * 10 ** -decimals,
    };
    if (parts.length >= 3) {
      if (parts[1] !== undefined && parts[1] !== '') w.system = parts[1];
      if (parts[2] !== undefined && parts[2] !== '') w.code = parts[2];
    } else if (parts.length === 2 && parts[1] !== undefined && parts[1] !== '') w.code = parts[1];
    wanted.push(w);
  }
  return (el) => {
    let v: number | undefined;
    let sys: unknown;
    let code: unknown;
    let unit: unknown;
    if (typeof el === 'number') v = el;
    else if (el !== null && typeof el === 'object') {
      const o = el as Record<string, unknown>;
      if (typeof o['value'] === 'number') v = o['value'];
      sys = o['system'];
      code = o['code'];
      unit = o['unit'];
    }
    if (v === undefined) return false;
    for (const w of wanted) {
      if (w.system !== undefined && sys !== w.system) continue;
      if (w.code !== undefined && code !== w.code && !(w.system === undefined && unit === w.code)) continue;
      if (compareNumber(w.prefix, v, w.value, w.half)) return true;
    }
    return false;
  };
}

function compareNumber(prefix: string, v: number, target: number, half: number): boolean {
  switch (prefix) {
    case 'eq':
      return v >= target - half && v < target + half;
    case 'ne':
      return !(v >= target - half && v < target + half);
    case 'gt':
    case 'sa':
      return v > target;
    case 'lt':
    case 'eb':
      return v < target;
    case 'ge':
      return v >= target;
    case 'le':
      return v <= target;
    case 'ap':
      return Math.abs(v - target) <= Math.abs(target) * 0.1;
    default:
      return false;
  }
}
