/** A small policy, compiled with one extra `option` line, for the options tests. */
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import { compilePolicySet } from '../../src/compile/index.js';
import type { Diagnostic } from '../../src/language/diagnostic.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

export const OPTIONS_POLICY = (optionLines: string) => `policy "Options" {
  fhir R4
  locales en
  default locale en
${optionLines}
}
context {
  patient/* requires patient
  token carries patient, need_patient_banner, x_dark_mode
  introspection echoes patient, x_dark_mode
}
app portal { client public, confidential-asymmetric; auth none, private_key_jwt; user patient; launch ehr, standalone }
app backend { client confidential-asymmetric; auth private_key_jwt; client_id "bulk"; user none }
grant portal {
  allow patient/Patient.rs, patient/Observation.rs, launch, launch/patient, openid, fhirUser, offline_access
  allow patient/Condition.rs?category=problem-list-item
}
grant backend { allow system/Observation.rs }
refresh portal {
  offline_access allowed
  online_access denied
  lifetime 90d
  rotate on every use
}
`;

export interface Compiled {
  readonly bundle: PolicyBundle | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** The policy with `optionLines` in its header, parsed and compiled. */
export function compileWithOptions(optionLines: string): Compiled {
  const parsed = parsePolicy(OPTIONS_POLICY(optionLines), '/repo/options.smartpolicy');
  const compiled = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics }, { relativeTo: '/repo' });
  return { bundle: compiled.bundle, diagnostics: compiled.diagnostics };
}

/** Like `compileWithOptions`, and fails loudly when the policy does not compile cleanly. */
export function bundleWithOptions(optionLines: string): PolicyBundle {
  const { bundle, diagnostics } = compileWithOptions(optionLines);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (bundle === null || errors.length > 0)
    throw new Error(`the policy does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return bundle;
}
