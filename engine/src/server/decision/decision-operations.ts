/**
 * Every route of the decision API as a wire operation: the published schema its body is checked
 * against, the decision, and what a log line may say of it (outcome and rule ids only). The
 * token-shaped decisions come from the evaluator's table (`evaluate/decision-kinds.ts`), which the
 * CLI uses too; access and explain answer the JSON `eval access` and `explain --json` print.
 */
import type { AccessRequest } from '../../access/access-types.js';
import type { PreparedToken } from '../../access/prepared-token.js';
import { accessResultWire } from '../../schema/access-result-wire.js';
import { EXPLAIN_REQUEST_SCHEMA, type ExplainRequestWire } from '../../schema/generated/wire-schemas.js';
import { validateAccessRequest } from '../../schema/validate-access-request.js';
import { wireValidator } from '../../schema/wire-validator.js';
import type { Evaluator } from '../../evaluate/create-evaluator.js';
import { DECISION_OPERATIONS } from '../../evaluate/decision-kinds.js';
import { explainOptionsOf, explainResultWire, explainScopes } from '../../explain/explain-wire.js';

/** A body's first problem, located by JSON pointer and path; the message never holds the value. */
export interface BodyProblem {
  readonly pointer: string;
  readonly path: string;
  readonly message: string;
}

export interface RouteOperation {
  /** Checks the body and decides; a problem means 400 and no decision. Never throws by contract. */
  run(
    evaluator: Evaluator,
    body: unknown,
  ): { readonly ok: true; readonly output: object } | { readonly ok: false; readonly problem: BodyProblem };
  outcome(output: object): string;
  reasonRules(output: object): readonly string[];
}

function tokenShaped(kind: keyof typeof DECISION_OPERATIONS): RouteOperation {
  const operation = DECISION_OPERATIONS[kind];
  return {
    run: (evaluator, body) => {
      const checked = operation.check(body);
      return checked.ok ? { ok: true, output: operation.decide(evaluator, body) } : { ok: false, problem: checked.problem };
    },
    outcome: operation.outcome,
    reasonRules: operation.reasonRules,
  };
}

/**
 * Tokens prepared per evaluator, by their granted scopes: a resource server asks about the same
 * token many times, and parsing its scopes is most of a decision's cost. Bounded: at most
 * `MAX_PREPARED` tokens of each kind (a map starts over when full), and only scope lists whose key is
 * short, so an attacker cannot make it hold much memory.
 */
const MAX_PREPARED = 1024;
const MAX_PREPARED_KEY = 4096;

/** Per evaluator: tokens by the scope parameter as sent (the common case), and by a list's JSON. */
interface PreparedCache {
  readonly byScopeString: Map<string, PreparedToken>;
  readonly byList: Map<string, PreparedToken>;
}
const prepared = new WeakMap<Evaluator, PreparedCache>();

function preparedToken(evaluator: Evaluator, wireGranted: unknown, granted: AccessRequest['granted']): AccessRequest['granted'] {
  if (!Array.isArray(granted)) return granted;
  // The string as sent is its own key (no copy to hash); a list is keyed by its JSON, in a map of
  // its own, so a string that looks like a list never meets that list's token.
  const fromString = typeof wireGranted === 'string';
  const key = fromString ? wireGranted : JSON.stringify(granted);
  if (key.length > MAX_PREPARED_KEY) return granted;
  let cache = prepared.get(evaluator);
  if (cache === undefined) {
    cache = { byScopeString: new Map(), byList: new Map() };
    prepared.set(evaluator, cache);
  }
  const tokens = fromString ? cache.byScopeString : cache.byList;
  let token = tokens.get(key);
  if (token === undefined) {
    if (tokens.size >= MAX_PREPARED) tokens.clear();
    token = evaluator.prepareToken(granted);
    tokens.set(key, token);
  }
  return token;
}

const access: RouteOperation = {
  run: (evaluator, body) => {
    const validated = validateAccessRequest(body);
    if (!validated.ok) {
      const first = validated.problems[0];
      return {
        ok: false,
        problem: { pointer: first?.pointer ?? '', path: first?.path ?? '$', message: first?.message ?? 'is not an access request' },
      };
    }
    const request = validated.value;
    const wireGranted = (body as { granted?: unknown }).granted;
    return {
      ok: true,
      output: accessResultWire(evaluator.authorize({ ...request, granted: preparedToken(evaluator, wireGranted, request.granted) })),
    };
  },
  outcome: (output) => ((output as { decision?: unknown }).decision === 'allow' ? 'allow' : 'deny'),
  reasonRules: (output) =>
    ((output as { reasons?: readonly { rule?: unknown }[] }).reasons ?? [])
      .map((r) => r.rule)
      .filter((r): r is string => typeof r === 'string'),
};

const checkExplain = wireValidator<ExplainRequestWire>(EXPLAIN_REQUEST_SCHEMA);

const explain: RouteOperation = {
  run: (evaluator, body) => {
    const checked = checkExplain(body);
    if (!checked.ok) return { ok: false, problem: checked.problem };
    const request = checked.value;
    return { ok: true, output: explainResultWire(evaluator.explain(explainScopes(request.scopes), explainOptionsOf(request))) };
  },
  outcome: () => 'explained',
  reasonRules: () => [],
};

/** The decision API: route path → operation. */
export const ROUTE_OPERATIONS: Readonly<Record<string, RouteOperation>> = {
  '/v1/decide/access': access,
  '/v1/decide/token': tokenShaped('token'),
  '/v1/decide/refresh': tokenShaped('refresh'),
  '/v1/decide/registration': tokenShaped('registration'),
  '/v1/introspection': tokenShaped('introspection'),
  '/v1/explain': explain,
};
