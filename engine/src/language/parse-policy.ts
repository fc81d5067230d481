/**
 * `parsePolicy`: text → AST + syntax diagnostics. The phases (Langium-style, each explicit):
 * lex → bound nesting → parse (CST, with recovery) → build AST → attach comments/ignores →
 * keep one structural error per line. Never throws: any internal failure still yields an AST.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { EOF } from 'chevrotain';
import type { PolicyFile } from './ast.js';
import { collectComments } from './comments.js';
import { AstBuilder } from './cst-to-ast.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { lexPolicy } from './lexer.js';
import { parseTokens, policyParser, startsBlock } from './parser.js';
import { endOfText, isReal, tokenEnd, tokenRange } from './positions.js';
import type { Position, Range } from './range.js';
import { emptyRangeAt } from './range.js';
import { appendAll } from '../util/append-all.js';

/** What `parsePolicy` returns: always an AST, plus the syntax diagnostics (codes `syntax.*`). */
export interface ParseResult {
  readonly ast: PolicyFile;
  readonly diagnostics: readonly Diagnostic[];
}

/** Deeper nesting than this is cut off (keeps the recursive-descent parser's stack bounded). */
export const MAX_NESTING = 48;

/** Codes of structural errors, of which only the first on a line is kept. */
const STRUCTURAL = new Set([
  'syntax.unexpected-token',
  'syntax.token.invalid',
  'syntax.block.unclosed',
  'syntax.missing-value',
  'syntax.nesting.too-deep',
]);

/** Words that, first on a line, end an unclosed block (see the parser's block-body gates). */
const CLOSERS = new Set([
  'import',
  'policy',
  'app',
  'grant',
  'context',
  'refresh',
  'registration',
  'explain',
  'phrasebook',
  'test',
  'expect',
  'token',
  'access',
  'where',
]);

const BLOCK_RULES: Readonly<Record<string, string>> = {
  policyBlock: 'policy',
  appBlock: 'app',
  grantBlock: 'grant',
  contextBlock: 'context',
  refreshBlock: 'refresh',
  registrationBlock: 'registration',
  explainBlock: 'explain',
  whereStmt: 'where',
  phrasebookBlock: 'phrasebook',
  testBlock: 'test',
  table: 'table',
  tokenBlock: 'token',
  accessBlock: 'access',
  jsonObject: 'JSON object',
  jsonArray: 'JSON array',
  braceGroup: 'skipped',
};

/**
 * Parses one `.smartpolicy` file. Linear in the size of the text; never throws.
 * @param text the file's contents
 * @param uri where it came from; copied into the AST and every diagnostic
 */
export function parsePolicy(text: string, uri?: string): ParseResult {
  try {
    return parseUnsafe(text, uri);
  } catch (error) {
    // A bug, not a user error: still return an AST so callers keep working.
    const end = endOfText(text);
    const start: Position = { line: 1, column: 1, offset: 0 };
    const ast: PolicyFile = {
      kind: 'file',
      imports: [],
      declarations: [],
      comments: [],
      ignores: [],
      range: { start, end },
      ...(uri !== undefined ? { uri } : {}),
    };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ast,
      diagnostics: [
        makeDiagnostic(
          'syntax.internal',
          'error',
          `The parser failed internally (${message}); please report this file.`,
          emptyRangeAt(start),
          { uri },
        ),
      ],
    };
  }
}

function parseUnsafe(text: string, uri: string | undefined): ParseResult {
  const eof = endOfText(text);
  const lexed = lexPolicy(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of lexed.errors) {
    // Characters that start no token; the lexer skipped them.
    const start: Position = { line: e.line ?? 1, column: e.column ?? 1, offset: e.offset };
    const bad = text.slice(e.offset, e.offset + e.length);
    const shown = bad.length > 20 ? `${bad.slice(0, 20)}…` : bad;
    diagnostics.push(
      makeDiagnostic(
        'syntax.token.invalid',
        'error',
        `\`${shown}\` cannot appear here; remove it, or quote the text that contains it.`,
        { start, end: { ...start, column: start.column + e.length, offset: start.offset + e.length } },
        {
          uri,
          data: { text: bad },
        },
      ),
    );
  }
  const builder = new AstBuilder(uri, eof);
  // One top-level chunk at a time: the live CST stays small, which keeps garbage collection
  // (and so the whole parse) linear on large files. Recovery already ends blocks at the next
  // block header, so chunking changes no result. Nesting is bounded per chunk, so unclosed
  // blocks do not add up across the file.
  const chunks = splitAtBlocks(lexed.tokens);
  chunks.forEach((chunk, i) => {
    const cst = parseTokens(boundNesting(chunk, diagnostics, uri));
    const last = i === chunks.length - 1;
    for (const e of policyParser.errors) diagnostics.push(parserDiagnostic(e, eof, uri, last));
    builder.addItems(cst);
  });

  const commentTokens = lexed.groups['comments'] ?? [];
  const collected = collectComments(commentTokens, lexed.tokens, uri);
  appendAll(diagnostics, collected.diagnostics);

  const ast = builder.finish(collected.comments, collected.ignores, text);
  appendAll(diagnostics, builder.diagnostics);
  return { ast, diagnostics: onePerLine(diagnostics) };
}

/** Splits the token stream before every top-level block header (see `startsBlock`). */
function splitAtBlocks(tokens: IToken[]): IToken[][] {
  const chunks: IToken[][] = [];
  let start = 0;
  const eofToken = { tokenType: EOF } as IToken;
  for (let i = 1; i < tokens.length; i++) {
    const la = (k: number): IToken => tokens[i + k - 1] ?? eofToken;
    if (startsBlock(la)) {
      chunks.push(tokens.slice(start, i));
      start = i;
    }
  }
  chunks.push(tokens.slice(start));
  return chunks;
}

/**
 * Bounds nesting so the recursive-descent parser's stack stays bounded: a bracket opened more
 * than MAX_NESTING deep is dropped with its contents, and so is a `not` that would make more than
 * MAX_NESTING `not`s around one condition (counting the `not`s in front of enclosing brackets,
 * so `not (not (…))` chains are bounded too). Both are reported (`syntax.nesting.too-deep`):
 * dropping a `not` silently would invert a condition.
 */
function boundNesting(tokens: IToken[], diagnostics: Diagnostic[], uri: string | undefined): IToken[] {
  const out: IToken[] = [];
  let skipping = 0; // depth inside a dropped group
  let bracketsReported = false;
  let notsReported = false;
  let nots = 0; // the current run of `not`s
  let notsOutside = 0; // `not`s in front of the open brackets
  const notsBefore: number[] = []; // per open bracket: the run of `not`s in front of it
  const report = (t: IToken, message: string): void => {
    diagnostics.push(makeDiagnostic('syntax.nesting.too-deep', 'error', message, tokenRange(t), { uri, data: { limit: MAX_NESTING } }));
  };
  for (const t of tokens) {
    const name = t.tokenType.name;
    const opens = name === 'LBrace' || name === 'LParen' || name === 'LBracket';
    const closes = name === 'RBrace' || name === 'RParen' || name === 'RBracket';
    if (skipping > 0) {
      if (opens) skipping++;
      else if (closes) skipping--;
      continue;
    }
    if (opens && notsBefore.length >= MAX_NESTING) {
      skipping = 1;
      if (!bracketsReported) report(t, `Brackets are nested more than ${MAX_NESTING} deep here; the nested part is ignored.`);
      bracketsReported = true;
      continue;
    }
    if (name === 'Kw_not') {
      if (nots + notsOutside >= MAX_NESTING) {
        if (!notsReported)
          report(t, `More than ${MAX_NESTING} \`not\`s are nested here; write the condition with fewer (two \`not\`s cancel out).`);
        notsReported = true;
        continue;
      }
      nots++;
    } else if (opens) {
      notsBefore.push(nots);
      notsOutside += nots;
      nots = 0;
    } else {
      if (closes && notsBefore.length > 0) notsOutside -= notsBefore.pop() ?? 0;
      nots = 0;
    }
    out.push(t);
  }
  return out;
}

function quoteLabel(label: string): string {
  const m = /^'(.*)'$/.exec(label.trim());
  return m ? `\`${m[1]}\`` : label.trim();
}

function parserDiagnostic(e: IRecognitionException, eof: Position, uri: string | undefined, lastChunk: boolean): Diagnostic {
  const token = e.token;
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  const atEof = token.tokenType === EOF || !isReal(token);
  // The end of a chunk that is not the end of the file is the start of the next block.
  const atChunkEnd = atEof && !lastChunk;
  const found = atChunkEnd ? 'the next block' : atEof ? 'the end of the file' : `\`${token.image}\``;
  // A missing piece at the end of a line is reported where it is missing, not on the next line.
  let range: Range;
  if (!atEof && !(isReal(prev) && (token.startLine ?? 0) > (prev.endLine ?? 0))) range = tokenRange(token);
  else if (isReal(prev)) range = emptyRangeAt(tokenEnd(prev));
  else range = emptyRangeAt(eof);

  const expected: string[] = [];
  const single = /-->\s*(.*?)\s*<--/.exec(e.message);
  if (e.name === 'MismatchedTokenException' && single?.[1] !== undefined) expected.push(quoteLabel(single[1]));
  else {
    for (const m of e.message.matchAll(/\d+\.\s*\[([^\]\n]*)\]/g)) {
      const first = (m[1] ?? '').split(',')[0];
      if (first !== undefined && first.trim() !== '') {
        const q = quoteLabel(first);
        if (!expected.includes(q)) expected.push(q);
      }
    }
  }
  const stack = e.context?.ruleStack ?? [];
  const block = [...stack]
    .reverse()
    .map((r) => BLOCK_RULES[r])
    .find((b) => b !== undefined);

  // A block body stopped at a line that cannot belong to it: the block lacks its `}`.
  const nextBlock = !atEof && isReal(prev) && (token.startLine ?? 0) > (prev.endLine ?? 0) && CLOSERS.has(token.image);
  if ((atEof || nextBlock) && expected.includes('`}`')) {
    return makeDiagnostic(
      'syntax.block.unclosed',
      'error',
      `The ${block ?? ''} block is not closed: add \`}\` ${atEof && !atChunkEnd ? 'at its end' : 'here'}.`.replace('The  block', 'A block'),
      range,
      {
        uri,
        data: { block: block ?? null },
      },
    );
  }
  const want = expected.length > 0 ? `expected ${expected.slice(0, 8).join(' or ')}` : 'this does not fit here';
  return makeDiagnostic('syntax.unexpected-token', 'error', `Found ${found}, ${want}${block ? ` (in a ${block} block)` : ''}.`, range, {
    uri,
    data: { found: atEof ? '' : token.image, expected },
  });
}

/** Keeps the first structural error per line (one bad line, one error), then sorts by position. */
function onePerLine(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  const lines = new Set<number>();
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    if (STRUCTURAL.has(d.code)) {
      if (lines.has(d.range.start.line)) continue;
      lines.add(d.range.start.line);
    }
    out.push(d);
  }
  return out;
}
