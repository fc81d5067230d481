/**
 * Checking time grows linearly with the size of the policy: the per-grant cost of a policy with
 * 4,800 grants stays within a small factor of the per-grant cost with 600.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/language/parse-policy.js';
import type { PolicyFile } from '../../src/language/ast.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import { R4_RESOURCE_TYPES } from '../../src/smart/data/r4-resource-types.js';

function policy(grants: number): PolicyFile {
  const lines = ['policy "big" {\n  fhir R4\n  locales en, es\n}\ncontext {\n  patient/* requires patient\n}\n'];
  for (let a = 0; a < grants / 100; a++) {
    lines.push(`app a${a} { client public, confidential-asymmetric; user patient, practitioner }\ngrant a${a} {\n`);
    for (let i = 0; i < 100; i++) {
      const type = R4_RESOURCE_TYPES[(i * 7 + a) % R4_RESOURCE_TYPES.length];
      const effect = i % 10 === 0 ? 'deny' : 'allow';
      lines.push(`  ${effect} patient/${type}.rs?_tag=http://example.org|t${i} when user is patient\n`);
    }
    lines.push('}\n');
  }
  return parsePolicy(lines.join('')).ast;
}

function secondsPerGrant(grants: number): number {
  const ast = policy(grants);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    checkPolicy({ ast });
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return times[1]! / grants;
}

describe('checker scaling', () => {
  it('is close to linear in the number of grants', () => {
    secondsPerGrant(300); // warm up the JIT
    const small = secondsPerGrant(600);
    const large = secondsPerGrant(4800);
    expect(large / small).toBeLessThan(3);
  }, 60_000);
});
