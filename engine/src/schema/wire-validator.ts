/**
 * Validators for the wire formats, compiled with ajv from the published schemas
 * (engine/schemas/*.schema.json via the generated `wire-schemas.ts`), each once, on first use.
 * A problem names where it is (JSON pointer, RFC 6901, and the matching `$.a.b[0]` path) and
 * what is expected, never the value found. The first problem comes first; at most
 * `MAX_PROBLEMS` are listed. Never throws.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** The first problem in an input, located by JSON pointer (`/request/method`; `""` is the whole input). */
export interface WireProblem {
  readonly pointer: string;
  /** The same place as a JSON path (`$.request.method`), as the CLI has always printed it. */
  readonly path: string;
  readonly message: string;
  /** The schema keyword that failed (`type`, `required`, `enum`, ...). */
  readonly keyword: string;
}

export type WireCheck<T> =
  | { readonly ok: true; readonly value: T }
  /** `problems` is never empty; `problem` is its first. */
  | { readonly ok: false; readonly problem: WireProblem; readonly problems: readonly WireProblem[] };

/** How many problems one input reports at most. */
export const MAX_PROBLEMS = 20;

/** How many of ajv's errors are read to find them (an input can have one per member). */
const MAX_ERRORS_READ = 500;

/** A validator for one schema: compiled on first call, then reused. */
export function wireValidator<T>(schema: object): (input: unknown) => WireCheck<T> {
  let compiled: ValidateFunction | undefined;
  return checkWith<T>(() => (compiled ??= new Ajv2020(WIRE_AJV_OPTIONS).compile(schema)));
}

/**
 * A validator from code ajv generated ahead of time (`generated/*-validator.ts`, written by
 * `npm run generate:schemas -w engine` with `WIRE_AJV_OPTIONS`): for a schema so large that
 * compiling it at run time would cost a command hundreds of milliseconds.
 */
export function precompiledValidator<T>(validate: ValidateFunction): (input: unknown) => WireCheck<T> {
  return checkWith<T>(() => validate);
}

function checkWith<T>(compiled: () => ValidateFunction): (input: unknown) => WireCheck<T> {
  return (input) => {
    try {
      const validate = compiled();
      if (validate(input)) return { ok: true, value: input as T };
      const problems = describeErrors(validate.errors ?? []);
      return { ok: false, problem: problems[0] as WireProblem, problems };
    } catch (error) {
      // Input too deep for the compiled code, or a schema that does not compile: refuse, fail closed.
      const what = error instanceof RangeError ? 'is nested too deeply to validate' : 'could not be validated';
      const problem: WireProblem = { pointer: '', path: '$', message: `the input ${what}`, keyword: 'internal' };
      return { ok: false, problem, problems: [problem] };
    }
  };
}

/**
 * The ajv options of every wire validator, at run time and ahead of time (the generator script
 * uses the same; a test compares them).
 * strict: false — the schemas carry `examples` and descriptions; formats are documentation only.
 * ownProperties: an inherited `constructor` or `toString` never counts as a member (prototype
 * keys); strictNumbers: NaN and Infinity are not numbers of a JSON document; discriminator:
 * alternatives tagged by a member (`kind`) report the problems of the alternative the tag names.
 */
export const WIRE_AJV_OPTIONS = Object.freeze({
  allErrors: true,
  strict: false,
  validateFormats: false,
  ownProperties: true,
  strictNumbers: true,
  discriminator: true,
});

/**
 * One problem per place. Alternatives (`oneOf`) fail in every branch: a branch that got deeper
 * into the input says more than one that failed at the top, and branches failing at the same
 * place merge into one "must be A or B".
 */
function describeErrors(all: readonly ErrorObject[]): WireProblem[] {
  // Enough to find the first problems; the merging below is quadratic in what it reads.
  const errors = all.slice(0, MAX_ERRORS_READ);
  // An input that matches several alternatives of a `oneOf` is the problem itself; what the
  // other alternatives miss (`required`) says nothing useful then.
  const ambiguous = new Set(
    errors
      .filter((e) => e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas != null)
      .map((e) => e.instancePath),
  );
  const problems: WireProblem[] = [];
  for (const e of errors) {
    if (ambiguous.has(e.instancePath) && e.keyword === 'oneOf')
      problems.push({
        pointer: e.instancePath,
        path: pointerToPath(e.instancePath),
        message: 'must match exactly one alternative, not several',
        keyword: 'oneOf',
      });
    else if (!COMBINATOR_KEYWORDS.has(e.keyword) && !(e.keyword === 'required' && ambiguous.has(e.instancePath)))
      problems.push(describe(e));
  }
  if (problems.length === 0)
    return [
      {
        pointer: errors[0]?.instancePath ?? '',
        path: pointerToPath(errors[0]?.instancePath ?? ''),
        message: 'does not match the schema',
        keyword: 'schema',
      },
    ];
  const deeper = (p: WireProblem) => problems.some((q) => q.pointer.startsWith(`${p.pointer}/`));
  const out: WireProblem[] = [];
  for (const p of problems) {
    if (deeper(p) && p.keyword !== 'required') continue;
    const same = out.findIndex((q) => q.pointer === p.pointer);
    if (same < 0) out.push(p);
    else if (!(out[same] as WireProblem).message.includes(p.message)) {
      const first = out[same] as WireProblem;
      out[same] = { ...first, message: `${first.message} or ${p.message.replace(/^must be /, '')}` };
    }
    if (out.length >= MAX_PROBLEMS) break;
  }
  return out;
}

/** Keywords whose failure only repeats the failures of their parts (which say more). */
const COMBINATOR_KEYWORDS: ReadonlySet<string> = new Set(['oneOf', 'anyOf', 'if', 'discriminator']);

/** How a JSON Schema type is named in a message ("must be a string"). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  object: 'an object',
  array: 'an array',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function describe(error: ErrorObject): WireProblem {
  let pointer = error.instancePath;
  let message = error.message ?? 'does not match the schema';
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty ?? '');
    pointer = `${pointer}/${escapePointer(missing)}`;
    message = 'is required';
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown }).allowedValues;
    if (Array.isArray(allowed)) message = `must be one of ${allowed.map(String).join(', ')}`;
  } else if (error.keyword === 'const') {
    message = `must be ${JSON.stringify((error.params as { allowedValue?: unknown }).allowedValue)}`;
  } else if (error.keyword === 'type') {
    const types = String((error.params as { type?: unknown }).type).split(',');
    message = `must be ${types.map((type) => (Object.hasOwn(TYPE_NAMES, type) ? TYPE_NAMES[type] : type)).join(' or ')}`;
  } else if (error.keyword === 'additionalProperties') {
    // The member that is not allowed is the place of the problem (its name is part of the location).
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty ?? '');
    pointer = `${pointer}/${escapePointer(extra)}`;
    message = 'is not allowed here';
  }
  return { pointer, path: pointerToPath(pointer), message, keyword: error.keyword };
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/request/entry/2/url` → `$.request.entry[2].url`; keys that are not identifiers are quoted. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  let path = '$';
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9][0-9]*)$/.test(token)) path += `[${token}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(token)) path += `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path;
}
