/**
 * CST → AST. Reports the syntax problems the grammar cannot see: unknown words of closed sets,
 * option names and values, string escapes, table shapes, variables, JSON duplicates, and
 * statements nobody recognised (`badStatement`). Blocks are built by `build-*.ts`.
 */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { isToken, sub, subs, tok } from './cst-access.js';
import type { Position } from './range.js';
import { LeafBuilder } from './build-leaves.js';
import type { Mutable } from './build-leaves.js';
import { appBlock, contextBlock, policyBlock, refreshBlock, registrationBlock } from './build-blocks.js';
import { explainBlock } from './build-explain.js';
import { grantBlock } from './build-grant.js';
import { phrasebookBlock } from './build-phrasebook.js';
import { testBlock } from './build-test.js';

/**
 * Builds the AST of a whole file. Works on any CST chevrotain's recovery produced: absent parts
 * become `missing` leaves or are left out, never exceptions.
 */
export class AstBuilder extends LeafBuilder {
  // ─── file ────────────────────────────────────────────────────────────────────────────────

  private readonly imports: A.ImportStatement[] = [];
  private readonly declarations: A.Declaration[] = [];

  /** Adds the top-level items of one parsed chunk (a file is parsed chunk by chunk, in order). */
  addItems(cst: CstNode): void {
    for (const item of subs(cst, 'topItem')) {
      const topBad = sub(item, 'topBad');
      if (topBad !== undefined) {
        this.bad(topBad, 'file');
        continue;
      }
      for (const key in item.children) {
        for (const e of item.children[key] ?? []) {
          if (isToken(e)) continue;
          if (key === 'importDecl') this.imports.push(this.importDecl(e));
          else {
            const d = this.declaration(e, key);
            if (d !== undefined) this.declarations.push(d);
          }
        }
      }
    }
  }

  /** The file node, once every chunk has been added. */
  finish(comments: readonly A.Comment[], ignores: readonly A.IgnoreDirective[], text: string): A.PolicyFile {
    const start: Position = { line: 1, column: 1, offset: 0 };
    const file: Mutable<A.PolicyFile> = {
      kind: 'file',
      imports: this.imports,
      declarations: this.declarations,
      comments,
      ignores,
      range: { start, end: text.length === 0 ? start : this.eof },
    };
    if (this.uri !== undefined) file.uri = this.uri;
    return file;
  }

  private importDecl(n: CstNode): A.ImportStatement {
    const range = this.rangeOf(n, this.eof);
    return { kind: 'import', path: this.str(tok(n, 'StringLit'), range.end), range };
  }

  private declaration(n: CstNode, key: string): A.Declaration | undefined {
    switch (key) {
      case 'policyBlock':
        return policyBlock(this, n);
      case 'appBlock':
        return appBlock(this, n);
      case 'grantBlock':
        return grantBlock(this, n);
      case 'contextBlock':
        return contextBlock(this, n);
      case 'refreshBlock':
        return refreshBlock(this, n);
      case 'registrationBlock':
        return registrationBlock(this, n);
      case 'explainBlock':
        return explainBlock(this, n);
      case 'phrasebookBlock':
        return phrasebookBlock(this, n);
      case 'testBlock':
        return testBlock(this, n);
      default:
        return undefined;
    }
  }
}
