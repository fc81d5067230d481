/**
 * Validators for the wire formats, compiled with ajv from the published schemas
 * (engine/schemas/*.schema.json via the generated `wire-schemas.ts`), each once, on first use.
 * A problem names where it is (JSON pointer, RFC 6901, and the matching `$.a.b[0]` path) and
 * what is expected, never the value found. Never throws.
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

export type WireCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: WireProblem };

/** A validator for one schema: compiled on first call, then reused. */
export function wireValidator<T>(schema: object): (input: unknown) => WireCheck<T> {
  let compiled: ValidateFunction | undefined;
  return (input) => {
    try {
      compiled ??= newAjv().compile(schema);
      if (compiled(input)) return { ok: true, value: input as T };
      return { ok: false, problem: firstProblem(compiled.errors) };
    } catch (error) {
      // Input too deep for the compiled code, or a schema that does not compile: refuse, fail closed.
      const what = error instanceof RangeError ? 'is nested too deeply to validate' : 'could not be validated';
      return { ok: false, problem: { pointer: '', path: '$', message: `the input ${what}`, keyword: 'internal' } };
    }
  };
}

function newAjv(): Ajv2020 {
  // strict: false — the schemas carry `examples` and descriptions; formats are documentation only.
  return new Ajv2020({ allErrors: false, strict: false, validateFormats: false });
}

function firstProblem(errors: readonly ErrorObject[] | null | undefined): WireProblem {
  const error = errors?.[0];
  if (error === undefined) return { pointer: '', path: '$', message: 'does not match the schema', keyword: 'schema' };
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
