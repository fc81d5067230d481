/**
 * `authorize`: the resource-server access decision for one FHIR REST request under a token's
 * granted scopes and launch context (SMART App Launch, Scopes and Launch Context: "Scopes for requesting FHIR Resources", patient-, user- and system-level scopes). Synchronous, pure, and it
 * never throws: malformed input and internal errors give `deny` with the error among `errors`.
 */
import type {
  AccessOptions,
  AccessRequest,
  AccessResult,
  DecisionError,
  EntryDecision,
  FhirRequest,
  InteractionName,
  Reason,
} from './access-types.js';
import { AccessCaches } from './access-caches.js';
import { DEFAULT_ACCESS_OPTIONS } from './access-options.js';
import { classifyRequest, type ClassifiedRequest } from './classify-request.js';
import { decideRequest } from './decide-request.js';
import { fastDecide } from './fast-path.js';
import { NO_ERRORS, type DecisionContext, type Outcome } from './decision-context.js';
import { isPreparedToken, type PreparedToken } from './prepared-token.js';
import { ACCESS_RULES as R, reason } from './reasons.js';
import { resolveServerBase, type ServerBase } from './server-base.js';
import { appendAll } from '../util/append-all.js';

/**
 * Decides whether a FHIR REST request is allowed under the granted scopes and launch context.
 *
 * - `granted`: scope strings (parsed once and cached) or a token from `prepareToken`.
 * - `resource`: the stored instance an instance interaction targets (`null`: it does not exist).
 * - `resources`: stored instances referenced by batch/transaction entries, keyed `Type/id`.
 *
 * The result carries the interaction, the reasons (rule, allowing or missing scope, scopes
 * present), any input errors, the narrowing a search needs and, for bundles, one decision per
 * entry. A batch or transaction is allowed only when every entry is (entries say which are).
 *
 * Common outcomes are shared frozen objects (that is what makes decisions cheap): treat results
 * as read-only, and copy one before changing it.
 *
 * A convenience over one default evaluator (the engine's default options and its own caches);
 * `createAccessEvaluator` or `createEvaluator(bundle)` give evaluators of their own.
 */
export function authorize(req: AccessRequest): AccessResult {
  defaultCaches ??= new AccessCaches();
  return authorizeWith(req, defaultCaches, DEFAULT_ACCESS_OPTIONS);
}

/** The caches of the default evaluator behind `authorize` (created on first use). */
let defaultCaches: AccessCaches | undefined;

/**
 * `authorize` with an evaluator's caches and base options (a request's `options` are merged onto
 * `base`). The fast path answers only when the options are the engine's defaults.
 */
export function authorizeWith(req: AccessRequest, caches: AccessCaches, base: AccessOptions): AccessResult {
  try {
    return decide(req, caches, base);
  } catch (e) {
    return internalError(e);
  }
}

function internalError(e: unknown): AccessResult {
  let message = 'unknown error';
  try {
    message = e instanceof Error ? e.message : String(e);
  } catch {
    // A hostile toString: keep the generic message.
  }
  const error: DecisionError = { code: 'access.internal-error', message };
  return {
    decision: 'deny',
    reasons: [reason(R.internalError, `the decision failed with an internal error, so access is denied (fail closed): ${message}`)],
    errors: [error],
    interaction: 'unknown',
  };
}

function invalid(code: string, message: string, path: string, interaction: InteractionName = 'unknown'): AccessResult {
  return {
    decision: 'deny',
    reasons: [reason(R.invalidRequest, `the request is malformed, so access is denied: ${message}`)],
    errors: [{ code, message, path }],
    interaction,
  };
}

/** Resolves `granted` to a prepared token, or undefined when it is neither form. */
export function resolveToken(granted: unknown, caches: AccessCaches): PreparedToken | undefined {
  if (Array.isArray(granted)) return caches.token(granted as readonly string[]);
  // A whole `scope` parameter as one string (as in a token response) means its tokens.
  if (typeof granted === 'string') return caches.token(granted.split(' ').filter((t) => t.length > 0));
  if (isPreparedToken(granted)) return granted;
  // A handle that lost its prototype (serialized, or from another copy of the engine): re-prepare.
  if (granted !== null && typeof granted === 'object') {
    const h = granted as { kind?: unknown; scopes?: unknown };
    if (h.kind === 'prepared-token' && Array.isArray(h.scopes)) return caches.token(h.scopes as readonly string[]);
  }
  return undefined;
}

function decide(req: AccessRequest, caches: AccessCaches, base: AccessOptions): AccessResult {
  if (req === null || typeof req !== 'object') return invalid('request.invalid', 'the access request must be an object', '$');
  if (req.options === undefined && base === DEFAULT_ACCESS_OPTIONS) {
    const fast = tryFast(req, caches);
    if (fast !== undefined) return fast;
  }
  const token = resolveToken(req.granted, caches);
  if (token === undefined) {
    return invalid(
      'request.granted.invalid',
      'granted must be an array of scope strings, a space-separated scope string, or a prepared token',
      '$.granted',
    );
  }
  const ctx = req.context;
  let patient: string | undefined;
  if (ctx !== undefined && ctx !== null) {
    if (typeof ctx !== 'object') return invalid('request.context.invalid', 'the context must be an object', '$.context');
    const p = ctx.patient;
    if (p !== undefined && p !== null) {
      if (typeof p !== 'string')
        return invalid('request.context.patient', 'context.patient must be a string (a Patient id)', '$.context.patient');
      patient = p.startsWith('Patient/') ? p.slice(8) : p;
      if (patient.length === 0) patient = undefined;
    }
  }
  const options = caches.options(req.options, base);
  const serverBase = resolveServerBase(ctx, options, (raw) => caches.serverBase(raw));
  if (serverBase === 'invalid-context') {
    return invalid(
      'request.context.serverBase',
      'context.serverBase must be an absolute http(s) URL without query, fragment or user info',
      '$.context.serverBase',
    );
  }
  if (serverBase === 'invalid-option') {
    return invalid(
      'request.options.serverBase',
      'option serverBase must be an absolute http(s) URL without query, fragment or user info',
      '$.options.serverBase',
    );
  }
  const dc: DecisionContext =
    serverBase === undefined
      ? { token, patient, options, defaultOptions: options === DEFAULT_ACCESS_OPTIONS }
      : { token, patient, options, defaultOptions: options === DEFAULT_ACCESS_OPTIONS, serverBase };
  const request = req.request;
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return invalid('request.invalid', 'request must be an object with method and path', '$.request');
  }
  const stored = req.resource;
  if (stored !== undefined && stored !== null && (typeof stored !== 'object' || Array.isArray(stored))) {
    return invalid('request.resource.invalid', 'resource must be a FHIR resource object, null or absent', '$.resource');
  }
  const c = classifyRequest(request, stored === null);
  if (c.error !== undefined) return withError(c, c.error);
  if (c.interaction === 'batch' || c.interaction === 'transaction') return decideBundle(dc, c, request, req.resources);
  const out = decideRequest(dc, c, { stored, body: request.body });
  return toResult(out, c.interaction);
}

function tryFast(req: AccessRequest, caches: AccessCaches): AccessResult | undefined {
  const g = req.granted;
  const granted = isPreparedToken(g) ? g : Array.isArray(g) ? caches.token(g) : undefined;
  if (granted === undefined) return undefined;
  const ctx = req.context;
  let patient: string | undefined;
  if (ctx !== undefined) {
    if (ctx === null || typeof ctx !== 'object') return undefined;
    const p = ctx.patient;
    if (p !== undefined) {
      if (typeof p !== 'string' || p.length === 0 || (p.charCodeAt(0) === 80 && p.startsWith('Patient/'))) return undefined;
      patient = p;
    }
  }
  const request = req.request;
  if (request === null || typeof request !== 'object') return undefined;
  let base: ServerBase | undefined;
  if (ctx !== undefined && ctx.serverBase !== undefined) {
    // An invalid base goes the general way, which reports it.
    const parsed = typeof ctx.serverBase === 'string' ? caches.serverBase(ctx.serverBase) : null;
    if (parsed === null) return undefined;
    base = parsed;
  }
  return fastDecide(granted, patient, request, req.resource, base);
}

function withError(c: ClassifiedRequest, error: DecisionError): AccessResult {
  return {
    decision: 'deny',
    reasons: [reason(R.invalidRequest, `the request is malformed, so access is denied: ${error.message}`)],
    errors: [error],
    interaction: c.interaction,
  };
}

function toResult(out: Outcome, interaction: InteractionName): AccessResult {
  if (out.interaction === interaction && out.errors !== undefined) return out as AccessResult;
  const r: { -readonly [K in keyof AccessResult]: AccessResult[K] } = {
    decision: out.decision,
    reasons: out.reasons,
    errors: out.errors ?? NO_ERRORS,
    interaction,
  };
  if (out.narrowing !== undefined && out.narrowing.length > 0) r.narrowing = out.narrowing;
  return r;
}

// ---- batch and transaction -------------------------------------------------------------------

function decideBundle(
  dc: DecisionContext,
  c: ClassifiedRequest,
  request: FhirRequest,
  resources: AccessRequest['resources'],
): AccessResult {
  const kind = c.interaction as 'batch' | 'transaction';
  const body = request.body as Record<string, unknown>;
  const rawEntries = body['entry'];
  const errors: DecisionError[] = [];
  if (rawEntries !== undefined && !Array.isArray(rawEntries)) {
    return invalid('request.body.entry', 'Bundle.entry must be an array', '$.request.body.entry', kind);
  }
  const store = resources !== null && typeof resources === 'object' ? resources : undefined;
  const list = (rawEntries ?? []) as unknown[];
  const entries: EntryDecision[] = [];
  const denied: Reason[] = [];
  for (let i = 0; i < list.length; i++) {
    const at = `$.request.body.entry[${i}]`;
    const e = decideEntry(dc, list[i], at, store);
    if (e.error !== undefined) errors.push(e.error);
    const reasons = e.reasons.map((r) => reason(r.rule, r.message, { scope: r.scope, missing: r.missing, present: r.present, entry: i }));
    const d: EntryDecision =
      e.narrowing !== undefined && e.narrowing.length > 0
        ? { index: i, decision: e.decision, interaction: e.interaction, reasons, narrowing: e.narrowing }
        : { index: i, decision: e.decision, interaction: e.interaction, reasons };
    entries.push(d);
    if (e.decision === 'deny') appendAll(denied, reasons);
  }
  const allAllowed = denied.length === 0 && entries.every((e) => e.decision === 'allow');
  const head =
    kind === 'transaction'
      ? allAllowed
        ? `every entry of the transaction is allowed (${entries.length}); entries are authorized as if sent alone (rule 22)`
        : 'a transaction is atomic, so one refused entry refuses it as a whole (rule 22)'
      : allAllowed
        ? `every entry of the batch is allowed (${entries.length}); entries are authorized as if sent alone (rule 22)`
        : 'the batch is allowed only when every entry is; entries[] says which entries a server may still run on their own (rule 22)';
  return {
    decision: allAllowed ? 'allow' : 'deny',
    reasons: [reason(R.bundle, head, { present: dc.token.scopes }), ...denied],
    errors,
    interaction: kind,
    entries,
  };
}

interface EntryOutcome extends Outcome {
  readonly interaction: InteractionName;
  readonly error?: DecisionError;
}

/** Maps a classifier path (`…request.path`, `.query`, `.body…`) to the entry's own fields. */
function entryPath(path: string | undefined, at: string): string {
  if (path === undefined) return at;
  const req = at + '.request';
  if (path === req + '.path' || path === req + '.query') return req + '.url';
  if (path.startsWith(req + '.body')) return at + '.resource' + path.slice(req.length + 5);
  return path;
}

function decideEntry(dc: DecisionContext, entry: unknown, at: string, store: Readonly<Record<string, unknown>> | undefined): EntryOutcome {
  const bad = (code: string, message: string, path: string): EntryOutcome => ({
    decision: 'deny',
    interaction: 'unknown',
    reasons: [reason(R.invalidRequest, `the entry is malformed, so it is denied: ${message}`)],
    error: { code, message, path },
  });
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return bad('request.entry.invalid', 'a Bundle entry must be an object', at);
  const e = entry as Record<string, unknown>;
  const r = e['request'];
  if (r === null || typeof r !== 'object' || Array.isArray(r))
    return bad('request.entry.request', 'the entry has no request (method and url)', at + '.request');
  const rq = r as Record<string, unknown>;
  const url = rq['url'];
  if (typeof url !== 'string') return bad('request.entry.url', 'entry.request.url must be a string', at + '.request.url');
  let query: string | undefined;
  const ifNoneExist = rq['ifNoneExist'];
  if (typeof ifNoneExist === 'string' && ifNoneExist.length > 0 && rq['method'] === 'POST') {
    query = ifNoneExist.charCodeAt(0) === 63 ? ifNoneExist.slice(1) : ifNoneExist; // conditional create
  }
  const input = { method: rq['method'], path: url, query, body: e['resource'] };
  let c = classifyRequest(input, false, at + '.request');
  let stored: object | null | undefined;
  if (c.error === undefined && c.resourceType !== undefined && c.id !== undefined && store !== undefined) {
    const key = `${c.resourceType}/${c.id}`;
    if (Object.hasOwn(store, key)) {
      const v = store[key];
      if (v === null) stored = null;
      else if (typeof v === 'object' && !Array.isArray(v)) stored = v as object;
    }
  }
  if (stored === null && c.interaction === 'update') c = classifyRequest(input, true, at + '.request');
  if (c.error !== undefined) {
    return {
      decision: 'deny',
      interaction: c.interaction,
      reasons: [reason(R.invalidRequest, `the entry is malformed, so it is denied: ${c.error.message}`)],
      error: { ...c.error, path: entryPath(c.error.path, at) },
    };
  }
  if (c.interaction === 'batch' || c.interaction === 'transaction') {
    return {
      decision: 'deny',
      interaction: c.interaction,
      reasons: [reason(R.invalidRequest, 'a batch or transaction cannot be nested inside another')],
    };
  }
  const out = decideRequest(dc, c, { stored, body: e['resource'] });
  return out.narrowing !== undefined
    ? { decision: out.decision, reasons: out.reasons, narrowing: out.narrowing, interaction: c.interaction }
    : { decision: out.decision, reasons: out.reasons, interaction: c.interaction };
}
