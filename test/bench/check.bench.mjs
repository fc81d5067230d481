// Checker scaling: time to check generated policies of growing size (parse excluded), printed per
// grant so that linear growth shows as a flat line. Issue 3: "time grows linearly with file size".
import { checkPolicy, parsePolicy } from '../../engine/dist/index.js';

const TYPES = [
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'MedicationRequest',
  'Procedure',
  'Immunization',
  'Encounter',
  'DiagnosticReport',
  'DocumentReference',
  'CarePlan',
  'Goal',
];

function policyText(grants) {
  const lines = ['policy "big" {\n  fhir R4\n  locales en, es\n}\ncontext {\n  patient/* requires patient\n}\n'];
  for (let a = 0; a < grants / 100; a++) {
    lines.push(`app a${a} { client public, confidential-asymmetric; user patient, practitioner }\ngrant a${a} {\n`);
    for (let i = 0; i < 100; i++) {
      const type = TYPES[(i * 7 + a) % TYPES.length];
      const effect = i % 10 === 0 ? 'deny' : 'allow';
      lines.push(`  ${effect} patient/${type}.rs?_tag=http://example.org|t${i} when user is patient\n`);
    }
    lines.push('}\n');
  }
  return lines.join('');
}

function medianMs(fn, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(runs / 2)];
}

export async function run() {
  const sizes = [500, 2000, 8000];
  const perGrant = [];
  medianMs(() => checkPolicy({ ast: parsePolicy(policyText(300)).ast }), 3); // warm up the JIT
  console.log('checker (check only, parse excluded), median of 5:');
  for (const size of sizes) {
    const { ast } = parsePolicy(policyText(size));
    const ms = medianMs(() => checkPolicy({ ast }));
    perGrant.push(ms / size);
    console.log(
      `  ${String(size).padStart(6)} grants  ${ms.toFixed(1).padStart(8)} ms  ${((ms / size) * 1000).toFixed(1).padStart(7)} µs/grant`,
    );
  }
  const growth = perGrant[perGrant.length - 1] / perGrant[0];
  console.log(`  per-grant growth ${sizes[0]} → ${sizes[sizes.length - 1]}: ×${growth.toFixed(2)} (1.00 = linear)`);
  console.log(`  ${growth <= 2 ? 'PASS' : 'MISS'} roughly linear (per-grant cost at ${sizes[sizes.length - 1]} ≤ 2× that at ${sizes[0]})`);
}
