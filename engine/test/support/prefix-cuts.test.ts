/** The cut offsets of "truncated anywhere" robustness tests stay within their budget and, over the phases, cover every token boundary. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixCuts } from './prefix-cuts.js';

const text = 'policy "Example" {\n  fhir R4\n}\ngrant portal {\n  allow patient/Observation.rs when user is patient\n}\n';

describe('prefixCuts', () => {
  it('stays within the budget, keeps both ends and every line end, and is sorted and distinct', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 300 }), fc.nat(1000), (t, budget, phase) => {
        const { cuts } = prefixCuts(t, budget, phase);
        expect(cuts.length).toBeLessThanOrEqual(budget);
        expect(cuts[0]).toBe(0);
        expect(cuts.at(-1)).toBe(t.length);
        expect([...cuts].sort((a, b) => a - b)).toEqual(cuts);
        expect(new Set(cuts).size).toBe(cuts.length);
        const lineEnds = [...t].flatMap((c, i) => (c === '\n' && i + 1 < t.length ? [i + 1] : []));
        if (lineEnds.length + 2 <= budget) for (const i of lineEnds) expect(cuts).toContain(i);
      }),
      { numRuns: 300 },
    );
  });

  it('covers every token boundary and the position inside each token over all phases', () => {
    const all = new Set<number>();
    const { candidates } = prefixCuts(text, 12, 0);
    // The stride is below the number of candidates, so these phases are all of them.
    for (let phase = 0; phase < candidates; phase++) for (const c of prefixCuts(text, 12, phase).cuts) all.add(c);
    // `"Example"` is cut before, inside and after its quotes; `patient/Observation.rs` at each part.
    for (const piece of ['"Example"', 'Example"', 'xample', 'patient/', '/Observation', 'bservation', '.rs']) {
      expect(all.has(text.indexOf(piece)), piece).toBe(true);
    }
  });

  it('cuts everywhere under ROBUSTNESS_FULL=1', () => {
    process.env['ROBUSTNESS_FULL'] = '1';
    try {
      expect(prefixCuts('abc', 2)).toMatchObject({ cuts: [0, 1, 2, 3], full: true });
    } finally {
      delete process.env['ROBUSTNESS_FULL'];
    }
  });
});
