/**
 * Incremental re-checking (rules of reach `app-class` re-run only on the parts an edit changed)
 * must be invisible: after any edit sequence, the service's diagnostics equal a fresh service's
 * full check of the same texts — same codes, ranges, messages, data and order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../src/service/index.js';
import { loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';

const ENTRY = '/set/main.smartpolicy';
const PARTS = ['/set/a.smartpolicy', '/set/b.smartpolicy'] as const;
const IMPORTS = 'import "a.smartpolicy"\nimport "b.smartpolicy"\n';
/** Corpus policies: together they trip every rule, which is what the edits recombine. */
const POOL = loadDiagnosticCorpus().map((c) => c.input);
const LINES = POOL.flatMap((text) => text.split('\n'));

type Files = Record<string, string>;

/** One edit of one file, as an editor would send it (the whole new text). */
const edit = fc.record({
  file: fc.constantFrom(ENTRY, ...PARTS),
  op: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
  at: fc.nat(),
  pick: fc.nat(),
});

function apply(files: Files, e: { file: string; op: string; at: number; pick: number }): Files {
  const lines = (files[e.file] ?? '').split('\n');
  const i = lines.length === 0 ? 0 : e.at % lines.length;
  if (e.op === 'delete') lines.splice(i, 1);
  else if (e.op === 'insert') lines.splice(i, 0, LINES[e.pick % LINES.length] ?? '');
  else if (e.op === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
  else return { ...files, [e.file]: (e.file === ENTRY ? IMPORTS : '') + (POOL[e.pick % POOL.length] ?? '') };
  return { ...files, [e.file]: lines.join('\n') };
}

function freshCheck(files: Files, config?: Record<string, 'off' | 'warning'>) {
  const service = createLanguageService({ readFile: (uri) => files[uri] });
  return service.check(ENTRY, config ? { config: { rules: config } } : {});
}

describe('incremental re-checking', () => {
  it('equals a full check after every edit of a random edit sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(), fc.nat(), fc.nat()),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        ([m, a, b], edits, someOff) => {
          let files: Files = {
            [ENTRY]: IMPORTS + (POOL[m % POOL.length] ?? ''),
            [PARTS[0]]: POOL[a % POOL.length] ?? '',
            [PARTS[1]]: POOL[b % POOL.length] ?? '',
          };
          // Turning a rule off between checks must not leave its cached findings stale.
          const config = someOff ? { 'semantic.duplicate-grant': 'off' as const } : undefined;
          const service = createLanguageService({ readFile: (uri) => files[uri] });
          for (const uri of Object.keys(files)) service.open(uri, files[uri] ?? '');
          expect(service.check(ENTRY)).toEqual(freshCheck(files));
          edits.forEach((e, step) => {
            files = apply(files, e);
            service.update(e.file, files[e.file] ?? '');
            const withConfig = config && step % 2 === 1 ? config : undefined;
            expect(service.check(ENTRY, withConfig ? { config: { rules: withConfig } } : {})).toEqual(freshCheck(files, withConfig));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('re-uses the findings of app classes an edit did not touch', () => {
    const grants = (n: number, letters: string) =>
      Array.from(
        { length: n },
        (_, i) => `grant app_${i} {\n  allow patient/Observation.${letters}\n  allow patient/Observation.${letters}\n}\n`,
      ).join('');
    const apps = Array.from({ length: 3 }, (_, i) => `app app_${i} {\n  client public\n  user patient\n  launch standalone\n}\n`).join('');
    let files: Files = { [ENTRY]: `${IMPORTS}policy "P" {\n  fhir R4\n}\n${apps}`, [PARTS[0]]: grants(3, 'rs'), [PARTS[1]]: '' };
    const service = createLanguageService({ readFile: (uri) => files[uri] });
    const before = service.check(ENTRY).diagnostics.filter((d) => d.code === 'semantic.duplicate-grant');
    expect(before).toHaveLength(3);
    files = { ...files, [PARTS[1]]: 'grant app_1 {\n  allow patient/Observation.rs\n}\n' };
    service.update(PARTS[1], files[PARTS[1]] ?? '');
    const after = service.check(ENTRY).diagnostics.filter((d) => d.code === 'semantic.duplicate-grant');
    // app_1's part changed (a third copy in another file); app_0's and app_2's findings are the very same objects.
    expect(after).toHaveLength(4);
    expect(after.filter((d) => before.includes(d))).toHaveLength(2);
    expect(service.check(ENTRY)).toEqual(freshCheck(files));
  });
});
