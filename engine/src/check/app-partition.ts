/**
 * A policy set cut into app-class parts for rules of reach `app-class`: each part holds every
 * block that names no app class (shared by all parts) and the blocks that name one class. The
 * blocks are kept by identity, so a part whose blocks are the same objects as last time (the
 * parse cache hands back the same AST for an unchanged text) is known to be unchanged.
 */
import type { Declaration, PolicyFile } from '../language/ast.js';
import { list, textOf } from '../model/safe.js';
import { dependsOnApp } from '../model/rule-context.js';

/** The part of the blocks whose app class name is missing (half-typed `grant {`). */
const NO_NAME = '\u0000missing';

export interface AppPartition {
  /** Blocks that name no app class, in set order. */
  readonly shared: readonly unknown[];
  /** Per app class name (in order of first block), that class's blocks in set order. */
  readonly parts: ReadonlyMap<string, readonly unknown[]>;
  /** The files of one part: each file with only the shared blocks and those of the part. */
  filesOf(part: string): PolicyFile[];
}

/** The part of a block: undefined for a shared one. */
function partOf(decl: Declaration): string | undefined {
  if (!decl || typeof decl !== 'object') return undefined;
  const app = dependsOnApp(decl);
  if (app === undefined) return undefined;
  return textOf(app) ?? NO_NAME;
}

export function partitionByAppClass(files: readonly PolicyFile[]): AppPartition {
  const shared: unknown[] = [];
  const parts = new Map<string, unknown[]>();
  for (const file of list(files)) {
    for (const decl of list(file?.declarations)) {
      const part = partOf(decl);
      if (part === undefined) {
        shared.push(decl);
        continue;
      }
      const blocks = parts.get(part);
      if (blocks) blocks.push(decl);
      else parts.set(part, [decl]);
    }
  }
  return {
    shared,
    parts,
    filesOf(part) {
      return list(files).map((file) => {
        if (!file || typeof file !== 'object' || !Array.isArray(file.declarations)) return file;
        const declarations = file.declarations.filter((decl) => {
          const p = partOf(decl);
          return p === undefined || p === part;
        });
        return declarations.length === file.declarations.length ? file : { ...file, declarations };
      });
    },
  };
}
