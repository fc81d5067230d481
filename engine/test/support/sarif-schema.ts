/**
 * Validation against the official SARIF 2.1.0 schema (OASIS, JSON Schema draft-04), which the
 * `@microsoft/jest-sarif` dev dependency ships; it is read from node_modules, not vendored.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject } from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const SCHEMA_PATH = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');

/** The schema document. */
export const SARIF_SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

// Formats (`uri`, `date-time`) are not checked: ajv-formats is not installed. One pattern of the
// schema (`language`) is not valid with the `u` flag, so patterns are compiled without it.
// A CommonJS module: its class is the module object and also its `default` member.
const Ajv = AjvDraft04.default;
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(SARIF_SCHEMA);

/** Schema errors as `pointer keyword message`; empty when `log` (as JSON) is valid SARIF 2.1.0. */
export function sarifSchemaErrors(log: unknown): string[] {
  // Round-trip through JSON: what is validated is what the CLI prints.
  const ok = validate(JSON.parse(JSON.stringify(log)));
  return ok ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.keyword} ${e.message ?? ''}`);
}
