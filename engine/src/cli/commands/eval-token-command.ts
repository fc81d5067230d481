import { parseArgs } from 'node:util';

import { createEvaluator, type Evaluator } from '../../evaluate/index.js';
import type { TokenDecision, TokenRequest } from '../../evaluate/token-types.js';
import { isTokenRequest, validateTokenRequest } from '../../evaluate/validate-token-request.js';
import { CliError } from '../cli-error.js';
import { displayPath, parseJson, readText, type CliIo } from '../cli-io.js';
import { runJsonLinesBatch, type LineCheck } from '../json-lines-batch.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { readVerifyKey } from './verify-key-flag.js';

/**
 * `smart-policy eval token --policy P (--request FILE.json | --input FILE.jsonl)`: token decisions.
 * A single request exits 0 allow, 2 deny; a batch exits 0 when it ran, 3 when a line was malformed.
 */
export async function evalTokenCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      policy: { type: 'string' },
      input: { type: 'string' },
      request: { type: 'string' },
      pretty: { type: 'boolean' },
      'verify-key': { type: 'string' },
    },
  });
  if (values.policy === undefined) throw new CliError('eval token needs --policy (a .smartpolicy entry file or a compiled bundle .json)');
  const verifyKey = await readVerifyKey(io, values['verify-key']);
  const evaluator = createEvaluator(await loadPolicyBundle(io, values.policy, { verifyKey }));
  if (values.input !== undefined) return evalBatch(evaluator, readText(io, values.input, 'input'), values.input, io);
  if (values.request === undefined) throw new CliError('eval token needs --request FILE.json or --input FILE.jsonl');
  const parsed = parseJson(readText(io, values.request, 'request'), values.request);
  const problems = validateTokenRequest(parsed);
  if (!isTokenRequest(parsed, problems)) {
    throw new CliError(`${displayPath(values.request)}: ${problems.map((p) => `${p.path ?? '$'}: ${p.message}`).join('; ')}`);
  }
  const decision = decide(evaluator, parsed);
  io.out(JSON.stringify(decision, null, values.pretty ? 2 : undefined));
  return decision.decision === 'allow' ? EXIT.ok : EXIT.deny;
}

function evalBatch(evaluator: Evaluator, text: string, source: string, io: CliIo): ExitCode {
  return runJsonLinesBatch(
    text,
    source,
    io,
    (input): LineCheck<TokenRequest> => {
      const problems = validateTokenRequest(input);
      if (isTokenRequest(input, problems)) return { ok: true, value: input };
      return { ok: false, problem: problems.map((p) => `${p.path ?? '$'}: ${p.message}`).join('; '), path: problems[0]?.path ?? '$' };
    },
    (request) => decide(evaluator, request),
    inputDenied,
  );
}

/** The evaluator never throws by contract; this keeps the CLI fail-closed even if it did. */
function decide(evaluator: Evaluator, request: TokenRequest): TokenDecision | Record<string, unknown> {
  try {
    return evaluator.decideToken(request);
  } catch (error) {
    return inputDenied(`internal error (${error instanceof Error ? error.name : typeof error})`, '$');
  }
}

function inputDenied(message: string, path: string): Record<string, unknown> {
  return {
    decision: 'deny',
    reasons: [{ rule: 'input.invalid', message: `denied: ${message}` }],
    errors: [{ code: 'input.invalid', message, path }],
    oauthError: { error: 'invalid_request', error_description: message },
  };
}
