/** Shared helpers of the language tests. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type * as A from '../../src/language/ast.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Parses and asserts there are no diagnostics. */
export function parseClean(text: string): A.PolicyFile {
  const r = parsePolicy(text);
  expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
  return r.ast;
}

/** The only declaration of a one-block file, checked to be of `kind`. */
export function only<K extends A.Declaration['kind']>(text: string, kind: K): Extract<A.Declaration, { kind: K }> {
  const ast = parseClean(text);
  expect(ast.declarations).toHaveLength(1);
  const d = ast.declarations[0];
  expect(d?.kind).toBe(kind);
  return d as Extract<A.Declaration, { kind: K }>;
}

/** Removes ranges (and other position facts) for readable structural assertions. */
export function strip<T>(node: T): unknown {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'range' ? undefined : v)));
}

/** Every `*.smartpolicy` file below `dir`, sorted. */
export function policyFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.smartpolicy')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
