/**
 * The policy the reference server runs when it is given none: a sandbox hospital with a
 * patient app class (the built-in demo app), a wallet that registers per-device keys (trusted
 * dynamic registration) and a backend service. Embedded as text so that an installed engine
 * needs no file beside its code; `compileDemoPolicy` compiles it with the engine's own compiler.
 */
import { compilePolicySet } from '../../compile/compile-policy-set.js';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { loadPolicySetWithHost } from '../../language/policy-set.js';

export const DEMO_POLICY_PATH = '/reference-demo/sandbox.smartpolicy';

export const DEMO_POLICY_TEXT = `# Sandbox Health: the reference server's demo policy (no real patients, no passwords).

policy "Sandbox Health reference server" {
  fhir R4
  locales en, es
  default locale en

  option search.query_restricted narrow
  option search.patient_filter narrow
  option patient.membership compartment
  option patient.non_compartment_types deny
  option refresh.scope_narrowing subset
  option token_type Bearer
  option introspection.echo all
  option dpop.access_tokens bind
}

app patient_apps "Apps patients use for their own record" {
  client public, confidential-asymmetric
  auth none, private_key_jwt
  registration static
  user patient
  launch standalone
}

app wallet "The sandbox wallet, with a key on each device" {
  client public, confidential-asymmetric
  auth none, private_key_jwt
  registration static, trusted-dynamic
  software_id "org.sandbox.wallet"
  user patient
  launch standalone
}

app backend "Backend services of the sandbox" {
  client confidential-asymmetric
  auth private_key_jwt
  registration static
  user none
}

grant patient_apps {
  allow launch/patient, launch/encounter, openid, fhirUser, offline_access
  allow patient/Patient.rs, patient/Encounter.rs, patient/Condition.rs
  allow patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory
  allow patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs
  deny patient/*.cud because "patients do not change clinical records through apps"
}

grant wallet {
  allow launch/patient, openid, fhirUser, system/DynamicClient.register
  allow patient/Patient.rs, patient/Condition.rs, patient/Observation.rs
  deny patient/*.cud because "the wallet reads; it never writes"
}

grant backend {
  allow system/Patient.rs, system/Encounter.rs, system/Condition.rs, system/Observation.rs
  deny system/*.cud because "backend services of the sandbox only read"
}

context {
  patient/* requires patient
  launch/encounter requires encounter
  token carries patient, encounter, need_patient_banner
  introspection echoes patient, encounter
}

refresh patient_apps {
  offline_access allowed
  online_access denied
  lifetime 90d
  idle 30d
  rotate on every use
  on reuse revoke grant
  bind dpop, client-key
  remind every 14d
  remind at most 4 per 365d
}

registration wallet {
  software_id "org.sandbox.wallet"
  initial_token max_age 10m
  initial_token single use
  algorithms ES384, RS384, ES256
  instance lifetime 365d
  instances per user 5
}

explain Observation {
  en "test results and measurements" plural
  es "resultados de pruebas y mediciones" masculine plural
  where category = http://terminology.hl7.org/CodeSystem/observation-category|laboratory {
    en "lab results" plural
    es "resultados de laboratorio" masculine plural
  }
  where category = http://terminology.hl7.org/CodeSystem/observation-category|vital-signs {
    en "vital signs" plural
    es "signos vitales" masculine plural
  }
}
`;

/** Compiles the embedded demo policy; throws only if the engine cannot compile its own demo (a bug). */
export function compileDemoPolicy(): PolicyBundle {
  const set = loadPolicySetWithHost(
    DEMO_POLICY_PATH,
    { readFile: (p) => (p === DEMO_POLICY_PATH ? DEMO_POLICY_TEXT : undefined) },
    undefined,
  );
  const result = compilePolicySet({ files: set.files.map((f) => f.ast), diagnostics: set.diagnostics });
  if (result.bundle === null) {
    const first = result.diagnostics[0];
    throw new Error(`the embedded demo policy does not compile: ${first ? `${first.code} ${first.message}` : 'unknown error'}`);
  }
  return result.bundle;
}
