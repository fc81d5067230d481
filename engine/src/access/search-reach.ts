/**
 * What a search reaches besides the resources of its own type that match it:
 *
 * - **included**: types whose resources the result Bundle may carry (`_include`, `_revinclude`,
 *   with `:iterate`/`:recurse`, wildcards and type modifiers). A server can filter these out of
 *   the result after the search.
 * - **revealed**: types the search answers questions about without returning them (`_has`, nested
 *   or not; chained parameters `subject:Patient.name`; `_list`; `_filter`; `_query`). Which
 *   primary resources come back leaks facts about them, so no post-filter can undo it.
 *
 * Parameter names are read case-insensitively and with surrounding whitespace ignored, so that a
 * lenient server's reading is never wider than this one's. Anything that cannot be read is
 * `unreadable` (the search is then refused). Messages name the parameter's position and kind,
 * never its text.
 */
import type { QueryPair } from '../smart/scope-types.js';
import { searchParameter } from '../fhir/search-parameters.js';
import { isResourceType } from '../fhir/resource-types.js';

/** A type the search reaches, `*` for any type, and the parameter kind that reaches it. */
export interface Reached {
  readonly type: string;
  /** `_include`, `_revinclude`, `_has`, `chain`, `_list`, `_filter` or `_query`. */
  readonly via: string;
}

export interface SearchReach {
  readonly included: readonly Reached[];
  readonly revealed: readonly Reached[];
  /** Why a parameter cannot be read (position and kind, no input text); the search is refused. */
  readonly unreadable?: string;
}

/** Longest chain or `_has` nesting read; longer ones are unreadable (servers cap them too). */
const MAX_DEPTH = 8;

/**
 * The types a search of `type` (`*` for a system search) reaches through its parameters;
 * undefined when it reaches none (the common case, found without allocating).
 */
export function searchReach(type: string, params: readonly QueryPair[]): SearchReach | undefined {
  let i = 0;
  for (; i < params.length; i++) if (mayReach((params[i] as QueryPair).name)) break;
  if (i === params.length) return undefined;
  const included: Reached[] = [];
  const revealed: Reached[] = [];
  for (; i < params.length; i++) {
    const p = params[i] as QueryPair;
    if (!mayReach(p.name)) continue;
    const why = readParameter(type, p, included, revealed);
    if (why !== undefined) return { included, revealed, unreadable: `parameter ${i + 1} (${why})` };
  }
  return included.length === 0 && revealed.length === 0 ? undefined : { included, revealed };
}

/** Cheap pre-check: only `_` parameters and chains can reach other types. */
function mayReach(name: string): boolean {
  return name.indexOf('_') >= 0 || name.indexOf('.') >= 0;
}

/** Reads one parameter; returns why it cannot be read, or undefined. */
function readParameter(type: string, p: QueryPair, included: Reached[], revealed: Reached[]): string | undefined {
  // Read the name as the most lenient server would: form decoding turns `+` into a space, and
  // surrounding whitespace is trimmed, so `+_has:…` is a `_has` there.
  const name = p.name.replace(/\+/g, ' ').trim();
  const colon = name.indexOf(':');
  const base = (colon < 0 ? name : name.slice(0, colon)).trim().toLowerCase();
  const modifier =
    colon < 0
      ? undefined
      : name
          .slice(colon + 1)
          .trim()
          .toLowerCase();
  switch (base) {
    case '_include':
    case '_revinclude': {
      if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') return `${base} with an unknown modifier`;
      return readInclude(base, p.value, included) ? undefined : `a ${base} value that is not Type:parameter[:Type] or *`;
    }
    case '_has':
      return readHas(name, revealed, 0);
    case '_query':
    case '_filter':
      // A named query may ignore every added filter; _filter expressions can chain anywhere.
      revealed.push({ type: '*', via: base });
      return undefined;
    case '_list':
      revealed.push({ type: 'List', via: '_list' });
      return undefined;
    default:
      if (name.indexOf('.') >= 0) return readChain(type, name, revealed) ? undefined : 'a chain that cannot be followed';
      return undefined;
  }
}

/** `Src:param`, `Src:param:Target`, `Src:*` or `*`; false when unreadable. */
function readInclude(kind: '_include' | '_revinclude', value: string, out: Reached[]): boolean {
  const v = value.trim();
  if (v === '*') {
    out.push({ type: '*', via: kind });
    return true;
  }
  const parts = v.split(':');
  if (parts.length < 2 || parts.length > 3) return false;
  const [src, param, target] = parts as [string, string, string | undefined];
  if (!isResourceType(src) || param.length === 0) return false;
  if (target !== undefined && !isResourceType(target)) return false;
  if (kind === '_revinclude') {
    out.push({ type: src, via: kind });
    return true;
  }
  if (param === '*') {
    // Every reference of Src: a server may not honour a type modifier on a wildcard.
    out.push({ type: '*', via: kind });
    return true;
  }
  const def = searchParameter(src, param);
  if (def === undefined || def.type !== 'reference') return false;
  if (target !== undefined) {
    if (!(def.target ?? []).includes(target)) return false;
    out.push({ type: target, via: kind });
    return true;
  }
  const targets = effectiveTargets(def.expression, def.target ?? []);
  if (targets.length === 0) out.push({ type: '*', via: kind });
  else for (const t of targets) out.push({ type: t, via: kind });
  return true;
}

/** `_has:Type:ref:rest`, where rest is a parameter of Type, a chain, or another `_has`. */
function readHas(name: string, out: Reached[], depth: number): string | undefined {
  if (depth >= MAX_DEPTH) return '_has nested too deeply';
  const parts = name.split(':');
  const type = parts[1] ?? '';
  const ref = parts[2] ?? '';
  const rest = parts.slice(3).join(':').trim();
  if (!isResourceType(type) || ref.length === 0 || rest.length === 0) return 'a _has that is not _has:Type:reference:parameter';
  out.push({ type, via: '_has' });
  const restBase = rest.split(':')[0]?.toLowerCase();
  if (restBase === '_has') return readHas(rest, out, depth + 1);
  if (rest.indexOf('.') >= 0 && !readChain(type, rest, out)) return 'a chain inside _has that cannot be followed';
  return undefined;
}

/**
 * `ref[:Type].ref2[:Type2].param` on `type`: every type a link can point to is revealed.
 * A link that is not a reference parameter of the current types is unreadable.
 */
function readChain(type: string, name: string, out: Reached[]): boolean {
  if (name.toLowerCase().indexOf('_has') >= 0) return false; // a reverse chain at the end of a chain
  const links = name.split('.');
  if (links.length - 1 > MAX_DEPTH) return false;
  let current: readonly string[] = [type];
  for (let k = 0; k < links.length - 1; k++) {
    const link = links[k] as string;
    const colon = link.indexOf(':');
    const param = colon < 0 ? link : link.slice(0, colon);
    const typed = colon < 0 ? undefined : link.slice(colon + 1);
    if (typed !== undefined && !isResourceType(typed)) return false;
    if (current.includes('*')) {
      out.push({ type: typed ?? '*', via: 'chain' });
      if (typed === undefined) return true; // `*` reveals everything already
      current = [typed];
      continue;
    }
    const next = new Set<string>();
    for (const t of current) {
      const def = searchParameter(t, param);
      if (def === undefined || def.type !== 'reference') continue;
      if (typed !== undefined) {
        if ((def.target ?? []).includes(typed)) next.add(typed);
        continue;
      }
      const targets = def.target ?? [];
      if (targets.length === 0) next.add('*');
      for (const x of targets) next.add(x);
    }
    if (next.size === 0) return false;
    current = [...next];
    for (const t of current) out.push({ type: t, via: 'chain' });
  }
  return true;
}

/**
 * The types a reference parameter can actually return: R4 lists `Group` among the targets of
 * `Observation.patient`, but its expression keeps only `.where(resolve() is Patient)`.
 */
function effectiveTargets(expression: string | undefined, targets: readonly string[]): readonly string[] {
  if (expression === undefined) return targets;
  const parts = expression.split('|');
  const types: string[] = [];
  for (const part of parts) {
    const m = /\.where\(resolve\(\) is ([A-Za-z]+)\)\s*$/.exec(part.trim());
    if (m === null) return targets;
    types.push(m[1] as string);
  }
  return types;
}
