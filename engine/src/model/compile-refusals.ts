/**
 * The checker's findings that make the compiler refuse a policy set: the problems after which a
 * bundle could not mean what the text says (no header, a second header or refresh/registration
 * block, a duplicate or unknown app class, a grant scope or resource type that does not parse).
 * The compiler asks here instead of re-validating, so every refusal a user sees carries a
 * registered, documented code — the same one `check` reports, at the same place.
 *
 * Refusals are always errors, whatever level a config gives the code for `check`: compiling
 * around them would silently drop rules (a dropped `deny` widens access), so the compile fails
 * closed. A rule that throws refuses too (`semantic.rule-failed`).
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { PolicyFile } from '../language/ast.js';
import { makeDiagnostic } from '../language/diagnostic.js';
import { createRuleContext, type RuleContext } from './rule-context.js';
import { RuleRegistry } from './rule-registry.js';
import { runRules } from './run-rules.js';
import { list } from './safe.js';
import { missingPolicyHeader, missingPolicyHeaderFinding } from './refusals/semantic.missing-policy-header.js';
import { duplicateBlock } from './refusals/semantic.duplicate-block.js';
import { duplicateAppClass } from './refusals/semantic.duplicate-app-class.js';
import { unknownAppClass } from './refusals/semantic.unknown-app-class.js';
import { invalidScope } from './refusals/semantic.invalid-scope.js';
import { unknownResourceType } from './refusals/semantic.unknown-resource-type.js';

/** Only the refusing rules, so compiling does not pay for the lints (consent text, security). */
const REFUSING_RULES = new RuleRegistry([
  missingPolicyHeader,
  duplicateBlock,
  duplicateAppClass,
  unknownAppClass,
  invalidScope,
  unknownResourceType,
]);

/** The codes whose findings refuse a compile (plus `semantic.rule-failed` when one of them fails). */
export const COMPILE_REFUSAL_CODES: readonly string[] = REFUSING_RULES.all().map((rule) => rule.code);

/** The checker's model of a policy set, and what in it refuses a compile. */
export interface CompileModel {
  /** The rule context: declaration index, parsed grant scopes, app facts. */
  readonly model: RuleContext;
  /** Error diagnostics (uris as the files have them); empty when the set can be compiled. */
  readonly refusals: readonly Diagnostic[];
}

/** Builds the model of `files` and runs the refusing rules over it. Never throws. */
export function modelForCompile(files: readonly PolicyFile[]): CompileModel {
  const model = createRuleContext(files, REFUSING_RULES);
  const refusals = runRules(model, REFUSING_RULES, () => false).map((d) =>
    d.severity === 'error' ? d : { ...d, severity: 'error' as const },
  );
  if (model.index.policies.length === 0 && !refusals.some((d) => d.code === missingPolicyHeader.code)) {
    // The lint stays quiet on an empty entry file (a new file being typed); a compile cannot.
    const entry = list(model.index.files)[0];
    const f = missingPolicyHeaderFinding(typeof entry?.uri === 'string' ? entry.uri : undefined);
    refusals.push(makeDiagnostic(missingPolicyHeader.code, 'error', f.message, f.range, { uri: f.uri, data: f.data }));
  }
  return { model, refusals };
}
