// Checker scaling at large sizes (issue 11): `check` of one app class with 10k, 50k and 100k
// grant rules (allows and denies on a few types, some conditional, query-restricted), and the
// checker locating the pairs of one scope with a 10k and a 100k character query. Prints the time
// per rule / per character and the growth ratio of that cost (1.00 = linear).
import { checkPolicy, parsePolicy } from '../../engine/dist/index.js';

const TYPES = ['Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Procedure'];

function manyRules(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const effect = i % 3 === 0 ? 'deny' : 'allow';
    const when = i % 4 === 0 ? ' when user is patient' : i % 4 === 1 ? ' when not launch is ehr' : '';
    rules.push(`  ${effect} patient/${TYPES[i % TYPES.length]}.rs?code=c${i % 997},d${i}${when} because "r"`);
  }
  return `policy "big" {\n  fhir R4\n  locales en\n}\ncontext {\n  patient/* requires patient\n}\napp a {\n  user patient\n}\ngrant a {\n${rules.join('\n')}\n}\n`;
}

function longQuery(chars) {
  const pairs = [];
  for (let i = 0, length = 0; length < chars; i++) {
    const pair = `unknown${i % 10}=v${i}`; // unknown names: every pair is located and reported
    pairs.push(pair);
    length += pair.length + 1;
  }
  return `policy "q" {\n  fhir R4\n  locales en\n}\ncontext {\n  patient/* requires patient\n}\napp a {\n  user patient\n}\ngrant a {\n  allow patient/Observation.rs?${pairs.join('&')}\n}\n`;
}

function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function series(title, sizes, unit, textOf) {
  console.log(title);
  const perUnit = [];
  for (const size of sizes) {
    const { ast } = parsePolicy(textOf(size));
    const ms = timeMs(() => checkPolicy({ ast }));
    perUnit.push(ms / size);
    console.log(
      `  ${String(size).padStart(7)} ${unit}  ${ms.toFixed(0).padStart(8)} ms  ${((ms / size) * 1000).toFixed(2).padStart(8)} µs/${unit.replace(/s$/, '')}`,
    );
  }
  const growth = perUnit[perUnit.length - 1] / perUnit[0];
  console.log(
    `  cost per ${unit.replace(/s$/, '')} grows ×${growth.toFixed(2)} from ${sizes[0]} to ${sizes[sizes.length - 1]} (1.00 = linear; ×${(sizes[sizes.length - 1] / sizes[0]).toFixed(0)} would be quadratic)`,
  );
  console.log(
    `  ${growth <= 2.5 ? 'PASS' : 'MISS'} near-linear (per-${unit.replace(/s$/, '')} cost at the largest size ≤ 2.5× that at the smallest)`,
  );
}

export async function run() {
  checkPolicy({ ast: parsePolicy(manyRules(2000)).ast }); // warm up the JIT
  series('check, one app class with many rules (parse excluded):', [10_000, 50_000, 100_000], 'rules', manyRules);
  series('check, one scope with a long query (every pair located):', [10_000, 100_000], 'chars', longQuery);
}
