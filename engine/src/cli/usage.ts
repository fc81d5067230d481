/** The CLI's help text: every command with its options, one screen. */
export const USAGE = `smart-policy — authorization policies for SMART on FHIR

Usage:
  smart-policy scope [--json] [--] <scope...>
      Parse SMART scopes: parsed form, canonical v2 form, or what is wrong and where.
  smart-policy eval access [--input FILE.jsonl | --request FILE.json | request flags] [--policy P]
      Decide FHIR REST requests against granted scopes and launch context.
      Request flags: --scope S (repeatable) --granted "S1 S2" --patient ID --encounter ID
                     --fhir-user REF --method M --path P --query Q --body FILE --resource FILE
                     --option name=value (access options, e.g. queryRestrictedSearch=refuse)
  smart-policy eval token --policy P [--input FILE.jsonl | --request FILE.json]
      Token decisions (granted scopes, context, refresh) for token requests.
  smart-policy check <policy> [--format human|json|sarif] [--strict]
  smart-policy compile <policy> [--out FILE]
  smart-policy fmt <policy...> [--check] [--write]
  smart-policy test <policy> [--json]
  smart-policy explain [--policy P] <scope...> [--locale L | --accept-language "..."]
                       [--audience patient|caregiver|clinician] [--app CLASS] [--json]
  smart-policy docs <policy> --out DIR

Exit codes: 0 allow/ok, 1 warnings (check --strict), 2 deny or failed policy test, 3 invalid input.
`;
