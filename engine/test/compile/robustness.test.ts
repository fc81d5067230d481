/** The compiler never throws on any AST the parser produces, including from broken text. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/index.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { policyEntries } from './policy-entries.js';
import { dirname, join } from 'node:path';
import { readdirSync } from 'node:fs';

const texts = policyEntries().flatMap((entry) =>
  readdirSync(dirname(entry))
    .filter((f) => f.endsWith('.smartpolicy'))
    .map((f) => readFileSync(join(dirname(entry), f), 'utf8')),
);

function compileText(text: string) {
  const parsed = parsePolicy(text, 'fuzz.smartpolicy');
  // Compile even when the parser reported errors: the AST is still produced and must not crash us.
  return compilePolicySet({ files: [parsed.ast] });
}

describe('compilePolicySet robustness', () => {
  // Budgets are counted in compilations (300 mutations, one per 7 lines); explicit timeouts fit a
  // loaded 2-core machine.
  it('never throws on mutated example policies', { timeout: 90_000 }, () => {
    const mutation = fc.record({
      file: fc.nat({ max: texts.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 200 }),
      insert: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(mutation, ({ file, at, cut, insert }) => {
        const text = texts[file] ?? '';
        const i = at % (text.length + 1);
        const mutated = `policy "p" { fhir R4 }\n${text.slice(0, i)}${insert}${text.slice(i + cut)}`;
        const result = compileText(mutated);
        expect(result.bundle !== null || result.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a file truncated at any line', { timeout: 90_000 }, () => {
    const text = texts.join('\n');
    const lines = text.split('\n');
    for (let n = 0; n <= lines.length; n += 7) {
      expect(() => compileText(lines.slice(0, n).join('\n'))).not.toThrow();
    }
  });
});
