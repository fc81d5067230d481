/**
 * The folder arrows of ARCHITECTURE.md, enforced: files import only their own folder and lower
 * layers (so folders have no cycles), library layers do no I/O, and the rules themselves are
 * shown to catch each kind of breach on small made-up trees.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, cyclesOf, folderEdges, globalsUsed } from './import-graph.js';
import { FIRST_IO_LAYER, IO_GLOBALS, IO_PACKAGES, KNOWN_UPWARD_IMPORTS, LAYERS, PURE_NODE_BUILTINS } from './layers.js';
import { readSourceTree } from './read-source-tree.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const RULES = {
  layers: LAYERS,
  firstIoLayer: FIRST_IO_LAYER,
  pureNodeBuiltins: PURE_NODE_BUILTINS,
  ioPackages: IO_PACKAGES,
  ioGlobals: IO_GLOBALS,
};
const tree = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files));
const rulesOf = (files: Record<string, string>): string[] => checkLayers(tree(files), RULES).map((v) => `${v.rule} ${v.file}`);

describe('engine/src follows its layers', () => {
  const source = readSourceTree(SRC);

  it('reads the real tree (guards against an empty walk)', () => {
    expect(source.size).toBeGreaterThan(300);
    expect(source.has('index.ts')).toBe(true);
  });

  it('has no upward import, no unknown folder, no I/O in a library layer and no folder cycle (beyond the listed debt)', () => {
    expect(checkLayers(source, RULES).map((v) => `${v.rule}: ${v.file}: ${v.detail}`)).toEqual(KNOWN_UPWARD_IMPORTS);
  });

  it('every top-level folder is a layer named in ARCHITECTURE.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(fileURLToPath(new URL('../../ARCHITECTURE.md', import.meta.url)), 'utf8');
    for (const layer of LAYERS) expect(doc, layer).toContain(`${layer}/`);
  });
});

describe('the layer rules catch each breach', () => {
  it('an import of a higher layer', () => {
    expect(rulesOf({ 'smart/a.ts': "import { x } from '../access/b.js';", 'access/b.ts': '' })).toEqual(['upward-import smart/a.ts']);
  });

  it('a type-only and a re-export count like imports', () => {
    expect(
      rulesOf({
        'smart/a.ts': "import type { X } from '../check/b.js';\nexport { y } from '../cli/c.js';",
        'check/b.ts': '',
        'cli/c.ts': '',
      }),
    ).toEqual(['upward-import smart/a.ts', 'upward-import smart/a.ts']);
  });

  it('a folder no layer names', () => {
    expect(rulesOf({ 'newfolder/a.ts': '' })).toEqual(['unknown-folder newfolder/a.ts']);
  });

  it('a new cycle between two layers (reported as a cycle besides the upward arrow)', () => {
    const files = { 'check/model/a.ts': "import '../../explain/b.js';", 'explain/b.ts': "import type { A } from '../check/model/a.js';" };
    expect(cyclesOf(folderEdges(tree(files)))).toEqual([['check', 'explain']]);
    expect(rulesOf(files)).toEqual(['upward-import explain/b.ts', 'folder-cycle check']);
  });

  it('subfolders of one layer may import each other', () => {
    expect(
      rulesOf({
        'check/rules/r/rule.ts': "import '../../define-rule.js';",
        'check/define-rule.ts': '',
        'check/index.ts': "import './rules/r/rule.js';",
      }),
    ).toEqual([]);
  });

  it('file-system, process and browser modules in a library layer, but not in node/ or cli/', () => {
    const io = "import { readFileSync } from 'node:fs';\nimport os from 'os';\nconst p = await import('playwright-core');";
    expect(rulesOf({ 'language/a.ts': io })).toEqual(['io-import language/a.ts', 'io-import language/a.ts', 'io-import language/a.ts']);
    expect(rulesOf({ 'node/a.ts': io, 'cli/b.ts': io })).toEqual([]);
  });

  it('pure built-ins are allowed in a library layer', () => {
    expect(rulesOf({ 'compile/a.ts': "import { createHash } from 'node:crypto';\nimport { posix } from 'node:path';" })).toEqual([]);
  });

  it('process and browser globals, but not a property or a string of the same name', () => {
    expect(globalsUsed('a.ts', 'const d = process.cwd(); const b = Buffer.byteLength("x");', IO_GLOBALS)).toEqual(['Buffer', 'process']);
    expect(
      globalsUsed('a.ts', 'const s = "document.body"; const o = { window: 1 }; o.process; interface I { fetch: number }', IO_GLOBALS),
    ).toEqual([]);
    expect(rulesOf({ 'explain/a.ts': 'export const cwd = () => process.cwd();' })).toEqual(['io-global explain/a.ts']);
  });
});
