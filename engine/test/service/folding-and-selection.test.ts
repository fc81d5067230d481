/** Folding and selection ranges from the AST. */
import { describe, expect, it } from 'vitest';
import { POLICY, serviceAt } from './cursor.js';

describe('folding and selection ranges', () => {
  it('folds every block over several lines and runs of comment lines', () => {
    const { service, uri } = serviceAt(`<|># one\n# two\n${POLICY}`);
    const ranges = service.foldingRanges(uri);
    expect(ranges[0]).toEqual({ startLine: 1, endLine: 2, kind: 'comment' });
    expect(ranges.filter((r) => r.kind === 'region').map((r) => r.startLine)).toEqual([3, 9, 14, 17, 21]);
  });

  it('expands a selection from the scope to its rule, block and file', () => {
    const marked = POLICY.replace('patient/Observation.rs', 'patient/Obs<|>ervation.rs');
    const { service, uri, offset, text } = serviceAt(marked);
    const ranges = service.selectionRanges(uri, offset).map((r) => text.slice(r.start.offset, r.end.offset));
    expect(ranges[0]).toBe('patient/Observation.rs');
    expect(ranges[1]).toBe('allow as labs patient/Observation.rs');
    expect(ranges[2]?.startsWith('grant portal {')).toBe(true);
    expect(ranges[ranges.length - 1]?.length).toBeGreaterThan(text.length - 5);
  });
});
