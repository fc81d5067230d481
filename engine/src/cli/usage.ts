/** The CLI's help text: every command with its options, one screen. */
export const USAGE = `smart-policy — authorization policies for SMART on FHIR

Usage:
  smart-policy scope [--json] [--] <scope...>
      Parse SMART scopes: parsed form, canonical v2 form, or what is wrong and where.
  smart-policy scope --set [--json] [--] "<scope string>"
      The minimal canonical v2 form of a space-separated scope string.
  smart-policy eval access [--input FILE.jsonl | --request FILE.json | request flags]
      Decide FHIR REST requests against granted scopes and launch context.
      Request flags: --scope S (repeatable) --granted "S1 S2" --patient ID --encounter ID
                     --fhir-user REF --method M --path P --query Q --body FILE --resource FILE
                     --option name=value (access options, e.g. queryRestrictedSearch=refuse)
  smart-policy eval token --policy P [--input FILE.jsonl | --request FILE.json] [--verify-key KEY]
      Token decisions (granted scopes, context, refresh) for token requests.
  smart-policy eval refresh|introspection|registration --policy P --request FILE.json [--verify-key KEY]
      Refresh, introspection and trusted-registration decisions.
  smart-policy serve <policy|bundle.json|URL> [--port N] [--host 127.0.0.1] [--store memory|sqlite:FILE|redis://…|postgres://…]
      The decision server: POST /v1/decide/{access,token,refresh,registration}, /v1/explain,
      /v1/introspection; GET /healthz, /metrics. Reloads the policy when it changes.
  smart-policy check <policy|folder|bundle.json> [--format human|json|sarif] [--strict] [--verify-key KEY]
  smart-policy compile <policy> [--out FILE] [--sign KEY]
  smart-policy fmt <policy...> [--check] [--write]
  smart-policy test <policy> [--json] [--verify-key KEY]
  smart-policy explain [--policy P] <scope...> [--locale L | --accept-language "..."]
                       [--audience patient|caregiver|clinician] [--app CLASS] [--json] [--verify-key KEY]
  smart-policy docs <policy> --out DIR [--verify-key KEY]
  smart-policy reminders <policy> --store S [--at T] [--record] [--namespace N]
      Offline-access reminders due at T (JSON Lines, one per user); S: sqlite:FILE, redis://…, postgres://…

A policy is an entry .smartpolicy file, its folder, or (where a bundle is read) a compiled bundle
.json. --verify-key KEY (or SMART_POLICY_VERIFY_KEY): bundles must be signed with its private key.
Every command: --help; --max-input-bytes N (or SMART_POLICY_MAX_INPUT_BYTES), the size limit of
each input (default 64 MiB).

Exit codes: 0 allow/ok, 1 warnings (check --strict), 2 deny or failed policy test, 3 invalid input.
`;
