import { parseArgs } from 'node:util';
import { authorize } from '../../access/index.js';
import type { AccessOptions, AccessRequest, AccessResult, FhirResource, LaunchContext } from '../../access/access-types.js';
import { accessResultWire } from '../../schema/access-result-wire.js';
import { describeProblems } from '../../schema/validation-result.js';
import { validateAccessRequest } from '../../schema/validate-access-request.js';
import { CliError } from '../cli-error.js';
import { displayPath, parseJson, readText, type CliIo } from '../cli-io.js';
import { runJsonLinesBatch, type LineCheck } from '../json-lines-batch.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptionFlags } from './access-option-flags.js';
import { createEvaluator } from '../../evaluate/index.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { readVerifyKey } from './verify-key-flag.js';

/**
 * `smart-policy eval access`: one request from flags or a JSON file (exit 0 allow, 2 deny), or a batch
 * from `--input FILE.jsonl` (one result line per input line; exit 0 when the batch ran).
 */
export async function evalAccessCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      input: { type: 'string' },
      request: { type: 'string' },
      scope: { type: 'string', multiple: true },
      granted: { type: 'string' },
      patient: { type: 'string' },
      encounter: { type: 'string' },
      'fhir-user': { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
      query: { type: 'string' },
      body: { type: 'string' },
      resource: { type: 'string' },
      option: { type: 'string', multiple: true },
      pretty: { type: 'boolean' },
      policy: { type: 'string' },
      'verify-key': { type: 'string' },
    },
  });
  const options = parseOptionFlags(values.option ?? []);
  // With a policy, its access options are the base every request's options override (as in `serve`).
  let decideWith: Authorizer = authorize;
  if (values.policy !== undefined) {
    const evaluator = createEvaluator(
      await loadPolicyBundle(io, values.policy, { verifyKey: await readVerifyKey(io, values['verify-key']) }),
    );
    decideWith = (request) => evaluator.authorize(request);
  }

  if (values.input !== undefined) return evalBatch(readText(io, values.input, 'input'), values.input, options, io, decideWith);

  const request = values.request !== undefined ? requestFromFile(io, values.request) : requestFromFlags(values, io);
  const result = decide(decideWith, withOptions(request, options));
  io.out(JSON.stringify(accessResultWire(result), null, values.pretty ? 2 : undefined));
  return result.decision === 'allow' ? EXIT.ok : EXIT.deny;
}

function evalBatch(text: string, source: string, options: Partial<AccessOptions>, io: CliIo, decideWith: Authorizer): ExitCode {
  return runJsonLinesBatch(
    text,
    source,
    io,
    (input): LineCheck<AccessRequest> => {
      const validated = validateAccessRequest(input);
      if (validated.ok) return { ok: true, value: validated.value };
      return { ok: false, problem: describeProblems(validated.problems), path: validated.problems[0]?.path ?? '$' };
    },
    (request) => accessResultWire(decide(decideWith, withOptions(request, options))),
    inputError,
  );
}

function requestFromFile(io: CliIo, path: string): AccessRequest {
  const validated = validateAccessRequest(parseJson(readText(io, path, 'request'), path));
  if (!validated.ok) throw new CliError(`${displayPath(path)}: ${describeProblems(validated.problems)}`);
  return validated.value;
}

interface RequestFlags {
  scope?: string[];
  granted?: string;
  patient?: string;
  encounter?: string;
  'fhir-user'?: string;
  method?: string;
  path?: string;
  query?: string;
  body?: string;
  resource?: string;
}

function requestFromFlags(flags: RequestFlags, io: CliIo): AccessRequest {
  if (flags.path === undefined) throw new CliError('eval access needs --path (or --request FILE, or --input FILE.jsonl)');
  const granted = [...(flags.scope ?? []), ...(flags.granted ? flags.granted.split(' ').filter(Boolean) : [])];
  const context: LaunchContext = {
    ...(flags.patient !== undefined ? { patient: flags.patient } : {}),
    ...(flags.encounter !== undefined ? { encounter: flags.encounter } : {}),
    ...(flags['fhir-user'] !== undefined ? { fhirUser: flags['fhir-user'] } : {}),
  };
  const body = flags.body !== undefined ? parseJson(readText(io, flags.body, 'body'), flags.body) : undefined;
  const resource =
    flags.resource !== undefined ? (parseJson(readText(io, flags.resource, 'resource'), flags.resource) as FhirResource) : undefined;
  const candidate = {
    granted,
    context,
    request: {
      method: (flags.method ?? 'GET').toUpperCase(),
      path: flags.path.replace(/^\//, ''),
      ...(flags.query !== undefined ? { query: flags.query.replace(/^\?/, '') } : {}),
      ...(body !== undefined ? { body } : {}),
    },
    ...(resource !== undefined ? { resource } : {}),
  };
  const validated = validateAccessRequest(candidate);
  if (!validated.ok) throw new CliError(describeProblems(validated.problems));
  return validated.value;
}

function withOptions(request: AccessRequest, options: Partial<AccessOptions>): AccessRequest {
  if (Object.keys(options).length === 0) return request;
  return { ...request, options: { ...request.options, ...options } };
}

/** `authorize` never throws by contract; this guard keeps the CLI fail-closed even if it did. */
type Authorizer = (request: AccessRequest) => AccessResult;

function decide(decideWith: Authorizer, request: AccessRequest): AccessResult {
  try {
    return decideWith(request);
  } catch (error) {
    const message = `internal error (${error instanceof Error ? error.name : typeof error})`;
    return {
      decision: 'deny',
      reasons: [{ rule: 'access.internal-error', message: `denied: ${message}` }],
      errors: [{ code: 'internal', message }],
      interaction: 'unknown',
    };
  }
}

function inputError(message: string, path: string): Record<string, unknown> {
  return {
    decision: 'deny',
    interaction: 'unknown',
    reasons: [{ rule: 'input.invalid', message: `denied: ${message}` }],
    narrowing: null,
    errors: [{ code: 'input.invalid', message, path }],
  };
}
