/**
 * Loads a PolicyBundle from JSON text or a parsed value: checks its format, version, shape and
 * content hash, and reports every problem with a JSON path (`$.grants[3].span.start.line`) and
 * the matching JSON pointer, never the value found. The shape is the published schema,
 * `engine/schemas/policy-bundle.schema.json` (compiled by ajv ahead of time); here are only the checks a
 * schema cannot express: which format and version this engine reads, how deep conditions may
 * nest, and the hash. Never throws.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type PolicyBundle } from './bundle-types.js';
import { computeBundleHash } from './bundle-hash.js';
import { parseJsonQuietly } from '../io/json-syntax-error.js';
import { isSignedBundleEnvelope } from './signed-bundle-format.js';
import type { PolicyBundleWire } from '../schema/generated/wire-schemas.js';
import { validate as validatePolicyBundle } from '../schema/generated/policy-bundle-validator.js';
import { pointerToPath, precompiledValidator } from '../schema/wire-validator.js';
import { documentOrder } from './document-order.js';
import { tooDeepCondition } from './condition-depth.js';

export interface BundleLoadError {
  readonly path: string;
  /** RFC 6901 pointer to the same place (`/grants/3/span`; `""` is the whole input). */
  readonly pointer?: string;
  readonly message: string;
}

export type LoadBundleResult =
  | { readonly ok: true; readonly bundle: PolicyBundle }
  | { readonly ok: false; readonly errors: readonly BundleLoadError[] };

// Generated ahead of time from the schema: compiling it at run time would cost ~0.4 s.
const checkShape = precompiledValidator<PolicyBundleWire>(validatePolicyBundle as unknown as ValidateFunction);

const refuse = (pointer: string, message: string): LoadBundleResult => ({
  ok: false,
  errors: [{ path: pointerToPath(pointer), pointer, message }],
});

/**
 * Validates and returns a bundle. `input` is JSON text or an already parsed value. A bundle whose
 * hash does not match its content is refused: it was edited or corrupted after compilation. The
 * hash is unkeyed, so it catches accidents only; use `verifyBundle` with a public key to refuse
 * deliberate edits. A signed bundle (`signed-bundle.ts`) given here loads by its hash alone: its
 * signature is not checked.
 */
export function loadBundle(input: unknown): LoadBundleResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseJsonQuietly(input);
    if (!parsed.ok) return refuse('', parsed.message);
    value = parsed.value;
  }
  if (isSignedBundleEnvelope(value)) {
    const inner = loadBundle(value['bundle']);
    if (inner.ok) return inner;
    const errors = inner.errors.map((e) => ({
      ...e,
      path: e.path.replace(/^\$/, '$.bundle'),
      ...(e.pointer !== undefined ? { pointer: `/bundle${e.pointer}` } : {}),
    }));
    return { ok: false, errors };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('', 'must be an object');
  const bundle = value as Record<string, unknown>;
  if (!Object.hasOwn(bundle, 'format') || bundle['format'] !== BUNDLE_FORMAT) {
    return refuse('/format', `must be "${BUNDLE_FORMAT}" (this is not a smart-policy bundle)`);
  }
  const version = Object.hasOwn(bundle, 'version') ? bundle['version'] : undefined;
  if (version !== BUNDLE_VERSION) {
    const found = typeof version === 'number' && Number.isSafeInteger(version) ? ` version ${version}` : ' this version';
    return refuse('/version', `must be ${BUNDLE_VERSION}; this engine cannot read bundle${found}`);
  }
  const shape = checkShape(bundle);
  if (!shape.ok) {
    // The first problem is the first in the document: members in the order written, missing ones last.
    const problems = [...shape.problems].sort((a, b) => compareOrder(documentOrder(bundle, a.pointer), documentOrder(bundle, b.pointer)));
    return { ok: false, errors: problems.map(({ path, pointer, message }) => ({ path, pointer, message })) };
  }
  const deep = tooDeepCondition(shape.value);
  if (deep !== undefined) return refuse(deep, 'is nested too deeply');
  let expected: string;
  try {
    expected = computeBundleHash(bundle);
  } catch {
    return refuse('', 'cannot be hashed (it holds values canonical JSON cannot represent)');
  }
  // The expected hash is not printed: it would tell whoever edited the bundle what to paste.
  if (bundle['hash'] !== expected) {
    return refuse(
      '/hash',
      'does not match the content: the bundle was changed after it was compiled (the hash catches accidental changes; sign bundles to refuse deliberate ones)',
    );
  }
  return { ok: true, bundle: bundle as unknown as PolicyBundle };
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
