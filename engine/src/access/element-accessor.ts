/**
 * Compiles the FHIRPath expression of an R4 search parameter into a function that returns the
 * elements it selects from a resource. The simple shapes that make up ~97% of R4 expressions
 * (dotted paths, `|` unions, `.where(resolve() is T)`, `.where(x='y')`, `as`/`ofType`/`.as()` on
 * choice elements) become hand-written walkers: decisions run per request, and a general
 * FHIRPath engine costs microseconds per call. Everything else goes to the `fhirpath` package.
 */
import { createRequire } from 'node:module';
import { referenceHasType, referenceString } from './fhir-reference.js';

/** Selects the elements of one search parameter from a resource (never throws). */
export type Accessor = (resource: object) => readonly unknown[];

interface R4Model {
  readonly choiceTypePaths: Readonly<Record<string, readonly string[]>>;
  readonly path2Type: Readonly<Record<string, string>>;
  readonly pathsDefinedElsewhere: Readonly<Record<string, string>>;
}
interface FhirpathLib {
  compile(expression: string, model?: unknown): (resource: unknown) => unknown[];
}

const requireCjs = createRequire(import.meta.url);
let model: R4Model | undefined;
let fhirpathLib: FhirpathLib | undefined;

// Loaded on first use: only decisions that evaluate a resource need them.
function r4Model(): R4Model {
  model ??= requireCjs('fhirpath/fhir-context/r4') as R4Model;
  return model;
}
function fhirpath(): FhirpathLib {
  fhirpathLib ??= requireCjs('fhirpath') as FhirpathLib;
  return fhirpathLib;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * An own property only: resources are data, and an inherited value (a polluted
 * `Object.prototype.performer`, a prototype set by the caller) must never count as an element.
 */
function own(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

type Step =
  | { readonly kind: 'prop'; readonly names: readonly string[] }
  | { readonly kind: 'refType'; readonly type: string }
  | { readonly kind: 'eq'; readonly name: string; readonly value: string };

const cache = new Map<string, Accessor>();

/** The accessor for an expression evaluated on instances of `resourceType` (cached). */
export function compileAccessor(resourceType: string, expression: string): Accessor {
  const key = resourceType + '\u0000' + expression;
  let acc = cache.get(key);
  if (acc === undefined) {
    acc = compileUncached(resourceType, expression);
    cache.set(key, acc);
  }
  return acc;
}

/** True when the expression compiles to a hand-written walker (for tests and diagnostics). */
export function isCompiledNatively(resourceType: string, expression: string): boolean {
  return compileParts(resourceType, expression) !== undefined;
}

function compileUncached(resourceType: string, expression: string): Accessor {
  const parts = compileParts(resourceType, expression);
  if (parts !== undefined) {
    if (parts.length === 1) return walker(parts[0] as readonly Step[]);
    const walkers = parts.map(walker);
    return (resource) => {
      const out: unknown[] = [];
      for (const w of walkers) for (const v of w(resource)) out.push(v);
      return out;
    };
  }
  return fallback(expression);
}

function fallback(expression: string): Accessor {
  let fn: ((resource: unknown) => unknown[]) | undefined;
  try {
    fn = fhirpath().compile(expression, r4Model());
  } catch {
    return () => EMPTY;
  }
  const compiled = fn;
  return (resource) => {
    try {
      const out = compiled(resource);
      return Array.isArray(out) ? out : EMPTY;
    } catch {
      return EMPTY;
    }
  };
}

function compileParts(resourceType: string, expression: string): (readonly Step[])[] | undefined {
  const unions = splitTopLevel(expression, '|');
  if (unions === undefined) return undefined;
  const out: (readonly Step[])[] = [];
  for (const raw of unions) {
    const steps = compilePath(resourceType, raw.trim());
    if (steps === undefined) return undefined;
    out.push(steps);
  }
  return out;
}

const IDENT = /^[A-Za-z][A-Za-z0-9]*$/;

function compilePath(resourceType: string, text: string): Step[] | undefined {
  let s = text;
  let asType: string | undefined;
  if (s.startsWith('(') && s.endsWith(')')) {
    s = s.slice(1, -1).trim();
    const asAt = s.lastIndexOf(' as ');
    if (asAt > 0) {
      asType = s.slice(asAt + 4).trim();
      s = s.slice(0, asAt).trim();
      if (!IDENT.test(asType)) return undefined;
    }
  }
  const segs = splitTopLevel(s, '.');
  if (segs === undefined || segs.length < 2) return undefined;
  const root = segs[0] as string;
  if (root !== resourceType && root !== 'Resource' && root !== 'DomainResource') return undefined;
  const m = r4Model();
  let modelPath = resourceType;
  const steps: Step[] = [];
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i] as string;
    const fn = /^([A-Za-z]+)\((.*)\)$/.exec(seg);
    if (fn !== null) {
      const name = fn[1] as string;
      const arg = (fn[2] as string).trim();
      if (name === 'where') {
        const rt = /^resolve\(\)\s+is\s+([A-Za-z]+)$/.exec(arg);
        if (rt !== null) {
          steps.push({ kind: 'refType', type: rt[1] as string });
          continue;
        }
        const eq = /^([A-Za-z]+)\s*=\s*'([^'\\]*)'$/.exec(arg);
        if (eq !== null) {
          steps.push({ kind: 'eq', name: eq[1] as string, value: eq[2] as string });
          continue;
        }
        return undefined;
      }
      if ((name === 'as' || name === 'ofType') && IDENT.test(arg)) {
        const last = steps[steps.length - 1];
        if (last === undefined || last.kind !== 'prop') return undefined;
        const restricted = restrictChoice(last.names, arg);
        if (restricted === undefined) return undefined;
        steps[steps.length - 1] = { kind: 'prop', names: restricted };
        modelPath = capitalize(arg);
        continue;
      }
      return undefined;
    }
    if (!IDENT.test(seg)) return undefined;
    let path = modelPath + '.' + seg;
    const elsewhere = m.pathsDefinedElsewhere[path];
    const choices = m.choiceTypePaths[path];
    if (choices !== undefined) {
      steps.push({ kind: 'prop', names: choices.map((t) => seg + capitalize(t)) });
    } else {
      steps.push({ kind: 'prop', names: [seg] });
    }
    if (elsewhere !== undefined) path = elsewhere;
    const type = m.path2Type[path];
    modelPath = type !== undefined && type !== 'BackboneElement' && type !== 'Element' ? type : path;
  }
  if (asType !== undefined) {
    const last = steps[steps.length - 1];
    if (last === undefined || last.kind !== 'prop') return undefined;
    const restricted = restrictChoice(last.names, asType);
    if (restricted === undefined) return undefined;
    steps[steps.length - 1] = { kind: 'prop', names: restricted };
  }
  return steps;
}

function restrictChoice(names: readonly string[], type: string): string[] | undefined {
  const suffix = capitalize(type);
  if (names.length === 1) {
    // Not a known choice element: `x.as(T)` still names the JSON key `xT` for choice data.
    return [(names[0] as string) + suffix];
  }
  const hit = names.filter((n) => n.endsWith(suffix) && n.length > suffix.length);
  return hit.length > 0 ? hit : undefined;
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** Splits at `sep` outside parentheses and quotes; undefined if unbalanced. */
function splitTopLevel(s: string, sep: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === "'") quote = false;
      continue;
    }
    if (c === "'") quote = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (c === '[' || c === ']') return undefined;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) return undefined;
  out.push(s.slice(start));
  return out;
}

function walker(steps: readonly Step[]): Accessor {
  // The commonest shape, `Type.element`, gets a walker without intermediate arrays.
  const first = steps[0];
  if (steps.length === 1 && first !== undefined && first.kind === 'prop' && first.names.length === 1) {
    const name = first.names[0] as string;
    return (resource) => {
      const v = own(resource, name);
      if (v === undefined || v === null) return EMPTY;
      return Array.isArray(v) ? v : [v];
    };
  }
  // `Type.element.where(resolve() is T)`: the shape of most `patient` parameters.
  const second = steps[1];
  if (
    steps.length === 2 &&
    first !== undefined &&
    first.kind === 'prop' &&
    first.names.length === 1 &&
    second !== undefined &&
    second.kind === 'refType'
  ) {
    const name = first.names[0] as string;
    const type = second.type;
    const ok = (x: unknown): boolean => {
      const ref = referenceString(x);
      return ref !== undefined && referenceHasType(ref, type);
    };
    return (resource) => {
      const v = own(resource, name);
      if (v === undefined || v === null) return EMPTY;
      if (!Array.isArray(v)) return ok(v) ? [v] : EMPTY;
      const out = v.filter(ok);
      return out.length === 0 ? EMPTY : out;
    };
  }
  return (resource) => {
    let current: unknown[] = [resource];
    for (const step of steps) {
      const next: unknown[] = [];
      for (const item of current) {
        if (item === null || typeof item !== 'object') continue;
        if (step.kind === 'prop') {
          for (const name of step.names) {
            const v = own(item, name);
            if (v === undefined || v === null) continue;
            if (Array.isArray(v)) {
              for (const x of v) if (x !== undefined && x !== null) next.push(x);
            } else next.push(v);
          }
        } else if (step.kind === 'refType') {
          const ref = referenceString(item);
          if (ref !== undefined && referenceHasType(ref, step.type)) next.push(item);
        } else if (own(item, step.name) === step.value) {
          next.push(item);
        }
      }
      if (next.length === 0) return EMPTY;
      current = next;
    }
    return current;
  };
}
