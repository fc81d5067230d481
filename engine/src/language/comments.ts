/**
 * Comments and inline ignore directives. Comments are kept in the AST (the formatter re-emits
 * them); `# smart-policy-ignore …` comments become `IgnoreDirective`s the checker applies.
 */
import type { IToken } from 'chevrotain';
import type { Comment, IgnoreDirective } from './ast.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { shift, tokenRange, tokenStart } from './positions.js';

export interface CollectedComments {
  readonly comments: Comment[];
  readonly ignores: IgnoreDirective[];
  readonly diagnostics: Diagnostic[];
}

const directiveRe = /^(\s*)smart-policy-ignore(-file)?(?=\s|$)(.*)$/;
const codeRe = /[A-Za-z0-9_.\-/]+/y;

/** `commentTokens` and `codeTokens` are each in source order. */
export function collectComments(commentTokens: readonly IToken[], codeTokens: readonly IToken[], uri?: string): CollectedComments {
  const comments: Comment[] = [];
  const ignores: IgnoreDirective[] = [];
  const diagnostics: Diagnostic[] = [];
  let k = 0; // index of the first code token after the current comment
  for (const tok of commentTokens) {
    while (k < codeTokens.length && (codeTokens[k] as IToken).startOffset < tok.startOffset) k++;
    const before = codeTokens[k - 1];
    const line = tok.startLine ?? 1;
    const trailing = before !== undefined && (before.endLine ?? before.startLine) === line;
    const text = tok.image.slice(1);
    comments.push({ kind: 'comment', text, trailing, range: tokenRange(tok) });

    const m = directiveRe.exec(text);
    if (m === null) continue;
    const scope = m[2] === undefined ? 'line' : 'file';
    let target = line;
    if (scope === 'line' && !trailing) {
      // A comment runs to the end of its line, so the first code token after it is on a later line.
      target = codeTokens[k]?.startLine ?? line + 1;
    }
    // Parse `code[, code] [reason]` after the directive word.
    const rest = m[3] ?? '';
    const restIndex = 1 + (m[1]?.length ?? 0) + 'smart-policy-ignore'.length + (m[2]?.length ?? 0);
    let i = 0;
    const codes: { code: string; index: number }[] = [];
    for (;;) {
      while (i < rest.length && /\s/.test(rest[i] as string)) i++;
      codeRe.lastIndex = i;
      const cm = codeRe.exec(rest);
      if (cm === null) break;
      codes.push({ code: cm[0], index: i });
      i += cm[0].length;
      let j = i;
      while (j < rest.length && /\s/.test(rest[j] as string)) j++;
      if (rest[j] !== ',') break;
      i = j + 1;
    }
    const reason = rest.slice(i).trim();
    const start = tokenStart(tok);
    if (codes.length === 0) {
      diagnostics.push(
        makeDiagnostic(
          'syntax.ignore.malformed',
          'warning',
          `Name the diagnostic code to ignore, e.g. \`# smart-policy-ignore${scope === 'file' ? '-file' : ''} security.wildcard-patient-facing reason\`.`,
          tokenRange(tok),
          { uri },
        ),
      );
      continue;
    }
    for (const c of codes) {
      const s = shift(start, restIndex + c.index);
      const directive: IgnoreDirective = {
        code: c.code,
        line: target,
        scope,
        range: { start: s, end: shift(s, c.code.length) },
        ...(reason !== '' ? { reason } : {}),
      };
      ignores.push(directive);
    }
  }
  return { comments, ignores, diagnostics };
}
