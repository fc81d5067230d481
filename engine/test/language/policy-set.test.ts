/** Loading policy sets: imports, cycles, missing files, parse-once, injectable reader. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicySet } from '../../src/node/load-policy-set.js';

/** An in-memory file system that counts reads. */
function memory(files: Record<string, string>): { readFile: (p: string) => string | undefined; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    readFile: (p) => {
      reads.set(p, (reads.get(p) ?? 0) + 1);
      return files[p];
    },
  };
}

const R = (p: string): string => resolve('/set', p);

describe('loadPolicySet', () => {
  it('loads the entry and its imports transitively, entry first, each file once', () => {
    const fs = memory({
      [R('main.smartpolicy')]: 'import "apps.smartpolicy"\nimport "sub/texts.smartpolicy"\npolicy "P" { fhir R4 }',
      [R('apps.smartpolicy')]: 'import "sub/texts.smartpolicy"\napp a { user none }',
      [R('sub/texts.smartpolicy')]: 'import "../apps.smartpolicy"\nexplain Observation { en "x" }',
    });
    const set = loadPolicySet(R('main.smartpolicy'), { readFile: fs.readFile });
    expect(set.files.map((f) => f.path)).toEqual([R('main.smartpolicy'), R('apps.smartpolicy'), R('sub/texts.smartpolicy')]);
    expect([...fs.reads.values()].every((n) => n === 1)).toBe(true);
    // texts → apps is a cycle (apps → texts → apps).
    expect(set.diagnostics.map((d) => [d.code, d.uri, d.range.start.line])).toEqual([['import.cycle', R('sub/texts.smartpolicy'), 1]]);
    expect(set.files.every((f) => f.ast.uri === f.path)).toBe(true);
  });

  it('reports a cycle at the import that closes it, with the cycle in data', () => {
    const fs = memory({
      [R('a.smartpolicy')]: 'import "b.smartpolicy"',
      [R('b.smartpolicy')]: '# b\nimport "a.smartpolicy"',
    });
    const set = loadPolicySet(R('a.smartpolicy'), { readFile: fs.readFile });
    const d = set.diagnostics[0];
    expect(set.diagnostics).toHaveLength(1);
    expect(d).toMatchObject({
      code: 'import.cycle',
      uri: R('b.smartpolicy'),
      data: { cycle: [R('a.smartpolicy'), R('b.smartpolicy'), R('a.smartpolicy')] },
    });
    expect(d?.range.start).toEqual({ line: 2, column: 8, offset: 11 });
  });

  it('reports a file importing itself', () => {
    const fs = memory({ [R('a.smartpolicy')]: 'import "./a.smartpolicy"' });
    expect(loadPolicySet(R('a.smartpolicy'), { readFile: fs.readFile }).diagnostics.map((d) => d.code)).toEqual(['import.cycle']);
  });

  it('reports missing imports at every import of them, reading them once', () => {
    const fs = memory({
      [R('a.smartpolicy')]: 'import "gone.smartpolicy"\nimport "b.smartpolicy"',
      [R('b.smartpolicy')]: 'import "gone.smartpolicy"',
    });
    const set = loadPolicySet(R('a.smartpolicy'), { readFile: fs.readFile });
    expect(set.diagnostics.map((d) => [d.code, d.uri, d.data?.['resolved']])).toEqual([
      ['import.missing', R('a.smartpolicy'), R('gone.smartpolicy')],
      ['import.missing', R('b.smartpolicy'), R('gone.smartpolicy')],
    ]);
    expect(fs.reads.get(R('gone.smartpolicy'))).toBe(1);
  });

  it('reports a missing entry file without throwing', () => {
    const set = loadPolicySet(R('nothing.smartpolicy'), { readFile: () => undefined });
    expect(set.files).toEqual([]);
    expect(set.diagnostics.map((d) => d.code)).toEqual(['import.missing']);
  });

  it("includes every file's syntax diagnostics", () => {
    const fs = memory({ [R('a.smartpolicy')]: 'import "b.smartpolicy"', [R('b.smartpolicy')]: 'grant x { alow y }' });
    const set = loadPolicySet(R('a.smartpolicy'), { readFile: fs.readFile });
    expect(set.diagnostics.map((d) => [d.code, d.uri])).toEqual([['syntax.unexpected-token', R('b.smartpolicy')]]);
    expect(set.files[1]?.diagnostics).toHaveLength(1);
  });

  it('lets the caller resolve imports (e.g. URIs of open documents)', () => {
    const docs: Record<string, string> = { 'mem:/a': 'import "b"', 'mem:/b': 'app b { user none }' };
    const set = loadPolicySet('mem:/a', { readFile: (p) => docs[p], resolveImport: (_from, to) => `mem:/${to}` });
    expect(set.files.map((f) => f.path)).toEqual(['mem:/a', 'mem:/b']);
    expect(set.diagnostics).toEqual([]);
  });

  it('reads from disk by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-set-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'main.smartpolicy'), 'import "sub/x.smartpolicy"\n');
    writeFileSync(join(dir, 'sub', 'x.smartpolicy'), 'app x { user none }\n');
    const set = loadPolicySet(join(dir, 'main.smartpolicy'));
    expect(set.files.map((f) => f.ast.declarations.length)).toEqual([0, 1]);
    expect(set.diagnostics).toEqual([]);
  });
});
