import { parseArgs } from 'node:util';
import { createEvaluator } from '../../evaluate/index.js';
import { DECISION_OPERATIONS, type DecisionKind } from '../../evaluate/decision-kinds.js';
import { CliError } from '../cli-error.js';
import { displayPath, parseJson, readText, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { readVerifyKey } from './verify-key-flag.js';

/**
 * `smart-policy eval refresh|introspection|registration --policy P --request FILE.json`: one
 * decision, the same JSON as the library and `POST /v1/decide/<kind>` (or `/v1/introspection`).
 * Exit 0 allow (an active introspection), 2 deny.
 */
export async function evalDecisionCommand(kind: DecisionKind, args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      policy: { type: 'string' },
      request: { type: 'string' },
      pretty: { type: 'boolean' },
      'verify-key': { type: 'string' },
    },
  });
  if (values.policy === undefined) throw new CliError(`eval ${kind} needs --policy (a .smartpolicy entry file or a compiled bundle .json)`);
  if (values.request === undefined) throw new CliError(`eval ${kind} needs --request FILE.json`);
  const verifyKey = await readVerifyKey(io, values['verify-key']);
  const evaluator = createEvaluator(await loadPolicyBundle(io, values.policy, { verifyKey }));
  const operation = DECISION_OPERATIONS[kind];
  const parsed = parseJson(readText(io, values.request, 'request'), values.request);
  const checked = operation.check(parsed);
  if (!checked.ok) throw new CliError(`${displayPath(values.request)}: ${checked.problem.path}: ${checked.problem.message}`);
  const output = operation.decide(evaluator, parsed);
  io.out(JSON.stringify(output, null, values.pretty ? 2 : undefined));
  const outcome = operation.outcome(output);
  return outcome === 'allow' || outcome === 'active' ? EXIT.ok : EXIT.deny;
}
