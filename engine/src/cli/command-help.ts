/** `smart-policy <command> --help`: each command's usage, options and exit codes. */

const GLOBAL = `Every command also takes --max-input-bytes N (or SMART_POLICY_MAX_INPUT_BYTES): the size limit of
each input file, standard input and policy set (default 64 MiB).`;

const VERIFY = `--verify-key FILE  a public key (PEM or JWK; or SMART_POLICY_VERIFY_KEY=FILE): a compiled bundle
                   must be signed with its private key (compile --sign), else it is refused`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  scope: `smart-policy scope [--json] [--] <scope...>
smart-policy scope --set [--json] [--] "<scope string>"

Parses SMART scopes: the parsed form and canonical v2 form of each, or what is wrong and at which
character. With --set, reads space-separated scope strings (as in a token request) as one set and
prints its minimal canonical v2 form (user/Appointment.read user/Appointment.write →
user/Appointment.cruds); invalid scopes are listed and grant nothing.
  --json   one JSON object per scope (with --set: {"scope", "valid", "errors"})
  --       ends the options, so any string can be given
Exit: 0 all valid, 3 any invalid.`,
  eval: `smart-policy eval access ...   decide FHIR REST requests (smart-policy eval access --help)
smart-policy eval token ...    decide token requests (smart-policy eval token --help)
smart-policy eval refresh|introspection|registration ...   (smart-policy eval refresh --help)`,
  'eval access': `smart-policy eval access [--input FILE.jsonl | --request FILE.json | request flags] [--option name=value]

Decides FHIR REST requests against granted scopes and launch context.
  --input FILE.jsonl   one request per line ('-': standard input); one result per line, each with
                       the line's "id" when it has one (a string of at most 200 characters or a number)
  --request FILE.json  one request ('-': standard input)
  request flags        --scope S (repeatable) --granted "S1 S2" --patient ID --encounter ID
                       --fhir-user REF --method M --path P --query Q --body FILE --resource FILE
  --option name=value  an access option for the run, by member name or policy keyword (e.g.
                       queryRestrictedSearch=refuse, search.query_restricted=refuse); unknown
                       names are refused
  --policy P           decide under this policy's access options (its entry .smartpolicy file, folder
                       or compiled bundle .json), as the decision server does
  --pretty             indent the single result
Exit: single request 0 allow, 2 deny; batch 0 ran, 3 a line was malformed (decided deny); 3 invalid input.`,
  'eval token': `smart-policy eval token --policy P [--input FILE.jsonl | --request FILE.json] [--verify-key FILE]

Token decisions (granted scopes, context, refresh) for token requests.
  --policy P           the entry .smartpolicy file, its folder, or a compiled bundle .json
  --input FILE.jsonl   one request per line ('-': standard input); results echo each line's "id"
  --request FILE.json  one request ('-': standard input)
  ${VERIFY}
  --pretty             indent the single decision
Exit: single request 0 allow, 2 deny; batch 0 ran, 3 a line was malformed; 3 invalid input.`,
  serve: `smart-policy serve <policy> [--port N] [--host H] [--store S] [--log-level L] [--poll-interval MS]
                   [--body-limit BYTES] [--verify-key FILE]

The decision server (Fastify). POST /v1/decide/access, /v1/decide/token, /v1/decide/refresh,
/v1/decide/registration, /v1/explain, /v1/introspection take the JSON of the library and the CLI
(checked against the published schemas: 400 with the JSON pointer of the first problem);
GET /healthz; GET /metrics (Prometheus). Decision logs (JSON Lines on standard output) carry the
route, outcome, rule ids, duration and bundle hash, never request values.
  <policy>          the entry .smartpolicy file or its folder (recompiled on change; an edit that
                    does not compile keeps the last good policy), a compiled bundle .json, or an
                    http(s):// URL serving a compiled bundle (polled with If-None-Match; a bundle
                    whose hash or signature does not verify is refused)
  --port N          default 8080 (0: any free port, printed on standard error)
  --host H          default 127.0.0.1
  --store S         sqlite:FILE, redis://…, postgres://… or memory: the refresh-token store whose
                    due offline-access reminders GET /v1/reminders?at=T lists (JSON Lines, as
                    \`reminders\` prints them) and POST /v1/reminders {"at": T} lists and records
  --log-level L     info (default), warn, error, debug, silent, …
  --poll-interval   milliseconds between polls of a policy URL (default 5000)
  --body-limit      largest request body, bytes (default 1048576)
  ${VERIFY}
Runs until SIGINT or SIGTERM (exit 0); 3 when the policy cannot be loaded.`,
  check: `smart-policy check <policy> [--format human|json|sarif] [--strict] [--config FILE] [--verify-key FILE]

Checks a policy set: syntax, names, scopes, security and consent lints, each with a stable code.
  <policy>   the entry .smartpolicy file, or a folder (every entry file in it: the .smartpolicy
             files no other file there imports), or a compiled bundle .json (verified: shape, hash,
             and the signature with --verify-key)
  --format   human (default), json or sarif
  --strict   exit 1 on warnings
  --config   a smart-policy.json to use instead of the one beside the entry file (an invalid
             config is an error)
  ${VERIFY}
Exit: 0 clean, 1 warnings with --strict, 3 errors.`,
  compile: `smart-policy compile <policy> [--out FILE] [--sign KEY]

Compiles a policy set into a PolicyBundle (plain, versioned JSON with a content hash).
  <policy>     the entry .smartpolicy file or its folder
  --out FILE   write the bundle there instead of standard output
  --sign KEY   sign it with a private key (PEM or JWK; ES256, ES384, RS256 or EdDSA): the output is
               {"format": "smart-policy-signed-bundle", "version": 1, "bundle", "signature"}
Exit: 0 compiled, 3 the policy does not compile.`,
  test: `smart-policy test <policy> [--json] [--verify-key FILE]

Runs the policy's own test cases and lists the grant rules no case exercised.
  <policy>   the entry .smartpolicy file, its folder, or a compiled bundle .json
  --json     the report as JSON
  ${VERIFY}
Exit: 0 all passed, 2 a case failed, 3 the policy is invalid.`,
  reminders: `smart-policy reminders <policy> --store S [--at T] [--record] [--namespace N] [--verify-key FILE]

Which users are due a reminder of the apps that keep offline access to their record at time T:
one JSON line per user ({"userId", "at", "apps": [{familyId, clientId, app, appTitle?, scope,
since, lastUsedAt}]}), batched per user and held back once the policy's "remind at most" cap is
reached. The policy's refresh rules decide "remind every" and the cap.
  <policy>        the entry .smartpolicy file, its folder, or a compiled bundle .json
  --store S       sqlite:FILE, redis://…, postgres://… (the refresh-token store)
  --namespace N   the store's namespace (Redis key prefix, PostgreSQL schema)
  --at T          epoch seconds or an ISO 8601 date-time (default: now)
  --record        mark the printed reminders as sent
  ${VERIFY}
Exit: 0 printed (possibly nothing), 3 invalid input or store.`,
  fmt: `smart-policy fmt <policy...> [--check | --write]

Prints (one file), checks or rewrites the canonical layout; refuses files with syntax errors.
  --check   list files that are not formatted (exit 1)
  --write   rewrite them
Exit: 0 formatted, 1 not formatted with --check, 3 refused.`,
  explain: `smart-policy explain [--policy P] <scope...> [--locale L | --accept-language "..."]
                     [--audience patient|clinician|caregiver] [--json] [--verify-key FILE]

Plain-language consent text for scopes (built-in English and Spanish, or the policy's texts).
  --policy P   the entry .smartpolicy file, its folder, or a compiled bundle .json
  ${VERIFY}
Exit: 0 ok, 3 invalid input.`,
  docs: `smart-policy docs <policy> --out DIR [--no-screenshots] [--chromium PATH] [--verify-key FILE]

Writes the static consent-design site (scope tables per app class and locale, scopes.json, previews).
  ${VERIFY}
Exit: 0 written, 3 invalid input or failed screenshots.`,
};

/** `eval refresh`, `eval introspection`, `eval registration`: one decision each, the decision server's JSON. */
function decisionHelp(kind: string, route: string, input: string): string {
  return `smart-policy eval ${kind} --policy P --request FILE.json [--verify-key FILE]

One ${kind} decision, the same JSON as the library and the decision server (POST ${route}).
The request is ${input}.
  --policy P           the entry .smartpolicy file, its folder, or a compiled bundle .json
  --request FILE.json  one request ('-': standard input)
  ${VERIFY}
  --pretty             indent the decision
Exit: 0 ${kind === 'introspection' ? 'active' : 'allow'}, 2 ${kind === 'introspection' ? 'inactive' : 'deny'}, 3 invalid input.`;
}

const DECISION_HELP: Readonly<Record<string, string>> = {
  'eval refresh': decisionHelp(
    'refresh',
    '/v1/decide/refresh',
    'a token request (engine/schemas/token-request.schema.json; grantType may be left out)',
  ),
  'eval introspection': decisionHelp(
    'introspection',
    '/v1/introspection',
    'the token request the token was issued for (token-request.schema.json)',
  ),
  'eval registration': decisionHelp(
    'registration',
    '/v1/decide/registration',
    'a registration request (engine/schemas/registration-request.schema.json)',
  ),
};

/** The help text of `name` (`eval access`, `check`, …), with the global options. */
export function helpFor(name: string): string | undefined {
  const text = COMMAND_HELP[name] ?? DECISION_HELP[name];
  return text === undefined ? undefined : `${text}\n\n${GLOBAL}`;
}
