/**
 * The import graph of a source tree, and the layer rules checked over it. Pure over a map of
 * file path → text, so the rules can be tested on small made-up trees as well as on `src/`.
 */
import { builtinModules } from 'node:module';
import ts from 'typescript';

export interface Violation {
  readonly rule: 'unknown-folder' | 'upward-import' | 'folder-cycle' | 'io-import' | 'io-global';
  readonly file: string;
  readonly detail: string;
}

export interface LayerRules {
  readonly layers: readonly string[];
  readonly firstIoLayer: string;
  readonly pureNodeBuiltins: ReadonlySet<string>;
  readonly ioPackages: ReadonlySet<string>;
  readonly ioGlobals: ReadonlySet<string>;
}

export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

const NODE_BUILTINS = new Set(builtinModules);

/** `a/b/c.ts` → `a/b`; a file at the root → `.`. */
function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

/** Joins a relative specifier onto a folder (`a/b` + `../c/d.js` → `a/c/d.js`); null when it leaves the tree. */
export function resolveRelative(folder: string, specifier: string): string | null {
  const parts = folder === '.' ? [] : folder.split('/');
  for (const seg of specifier.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Every import/export/dynamic-import specifier of a file, type-only ones included. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Identifiers in value position that name one of `globals` (not property names, not declarations). */
export function globalsUsed(file: string, text: string, globals: ReadonlySet<string>): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isImportSpecifier(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      declared.add(node.name.text);
    if (ts.isIdentifier(node) && globals.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ts.isPropertySignature(parent) ||
        ts.isPropertyDeclaration(parent) ||
        ts.isMethodDeclaration(parent) ||
        ts.isQualifiedName(parent);
      if (!isPropertyName) found.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found].filter((g) => !declared.has(g)).sort();
}

/** Strongly connected components with more than one node (Tarjan, iterative-safe for small graphs). */
export function cyclesOf(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    if (!next.has(e.to)) next.set(e.to, new Set());
    next.get(e.from)!.add(e.to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) strong(v);
  return out;
}

/** The top folder of a path (`check/model/a.ts` → `check`); a root file → `.`. */
function topFolderOf(path: string): string {
  const i = path.indexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

/**
 * The layer-to-layer import edges of a tree (top-level folders; the root files, the public
 * API, are left out). Subfolders of one layer may import each other (`check/rules` ↔ `check`).
 */
export function folderEdges(files: ReadonlyMap<string, string>): ImportEdge[] {
  const edges = new Map<string, ImportEdge>();
  for (const [file, text] of files) {
    for (const spec of importsOf(text)) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(folderOf(file), spec);
      if (target === null) continue;
      const from = topFolderOf(file);
      const to = topFolderOf(target);
      if (from !== '.' && to !== '.' && from !== to) edges.set(`${from}\0${to}`, { from, to });
    }
  }
  return [...edges.values()];
}

/** Every violation of the layer rules in a tree of `.ts` files (paths relative to the source root). */
export function checkLayers(files: ReadonlyMap<string, string>, rules: LayerRules): Violation[] {
  const out: Violation[] = [];
  const rank = new Map(rules.layers.map((l, i) => [l, i]));
  const ioRank = rank.get(rules.firstIoLayer) ?? Infinity;
  const layerOf = (file: string): string | null => (file.includes('/') ? file.slice(0, file.indexOf('/')) : null);
  for (const [file, text] of files) {
    const layer = layerOf(file);
    if (layer !== null && !rank.has(layer)) {
      out.push({ rule: 'unknown-folder', file, detail: `folder ${layer}/ has no layer` });
      continue;
    }
    // The root files (index.ts: the public API) sit above every layer.
    const own = layer === null ? Infinity : rank.get(layer)!;
    const library = own < ioRank;
    for (const spec of importsOf(text)) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(folderOf(file), spec);
        const targetLayer = target === null ? null : layerOf(target);
        if (target === null || targetLayer === null) {
          if (layer !== null) out.push({ rule: 'upward-import', file, detail: `${spec} leaves the layers` });
          continue;
        }
        const targetRank = rank.get(targetLayer);
        if (targetRank === undefined) out.push({ rule: 'unknown-folder', file, detail: `imports ${targetLayer}/, which has no layer` });
        else if (targetLayer !== layer && targetRank > own)
          out.push({ rule: 'upward-import', file, detail: `${layer}/ imports ${targetLayer}/ (a higher layer): ${spec}` });
        continue;
      }
      if (!library) continue;
      const bare = spec.startsWith('node:') ? spec : NODE_BUILTINS.has(spec.split('/')[0]!) ? `node:${spec}` : null;
      if (bare !== null && !rules.pureNodeBuiltins.has(bare))
        out.push({ rule: 'io-import', file, detail: `library layer ${layer}/ imports ${spec}` });
      if (rules.ioPackages.has(spec)) out.push({ rule: 'io-import', file, detail: `library layer ${layer}/ loads ${spec}` });
    }
    if (library)
      for (const g of globalsUsed(file, text, rules.ioGlobals))
        out.push({ rule: 'io-global', file, detail: `library layer ${layer}/ uses the global ${g}` });
  }
  for (const cycle of cyclesOf(folderEdges(files))) out.push({ rule: 'folder-cycle', file: cycle[0]!, detail: cycle.join(' ↔ ') });
  return out;
}
