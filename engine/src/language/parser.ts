/**
 * The grammar (chevrotain CST parser). `cst-to-ast.ts` turns its CST into the AST.
 *
 * Error recovery, in three layers:
 * 1. chevrotain's own (`recoveryEnabled`): single-token insertion/deletion and re-sync of a
 *    failed rule on its follow set;
 * 2. every block body ends with a catch-all `badStatement` alternative that swallows the rest of
 *    the offending line (and any `{…}` group that starts on it), so an unknown statement costs
 *    one diagnostic and the next line parses normally;
 * 3. the first argument of a statement must be on the statement keyword's line (`sameLine`),
 *    so a statement missing its argument cannot swallow the next line's keyword.
 * `parse-policy.ts` then keeps one syntax error per line.
 */
import { CstParser, EOF, tokenMatcher } from 'chevrotain';
import type { CstNode, IToken, TokenType } from 'chevrotain';
import * as T from './lexer.js';

const BLOCK_KEYWORDS: ReadonlySet<TokenType> = new Set([
  T.Import,
  T.Policy,
  T.App,
  T.Grant,
  T.Context,
  T.Refresh,
  T.Registration,
  T.Explain,
  T.PhrasebookKw,
  T.Test,
]);
/** Block keywords that never start a statement inside a block. */
const ALWAYS_BLOCKS: ReadonlySet<TokenType> = new Set([T.Import, T.Policy, T.Explain, T.Test]);

/**
 * True when the token at `la(1)` starts a top-level block on a new line (`la(0)` is the token
 * before it): `policy`, `explain`, `test`, `import`, or `app`/`grant`/`context`/`refresh`/
 * `registration` followed by a block header (`{` within the next three tokens). Shared by the
 * block-body gates and by `parse-policy`, which parses a file one top-level chunk at a time.
 */
export function startsBlock(la: (k: number) => IToken): boolean {
  const next = la(1);
  const prev = la(0);
  if (next.tokenType === EOF || !BLOCK_KEYWORDS.has(next.tokenType)) return false;
  if (prev !== undefined && prev.tokenType !== EOF && prev.endLine !== undefined && prev.endLine === next.startLine) return false;
  if (ALWAYS_BLOCKS.has(next.tokenType)) return true;
  const t2 = la(2).tokenType;
  const t3 = la(3).tokenType;
  return t2 === T.LBrace || t3 === T.LBrace || (t3 === T.CompleteString && la(4).tokenType === T.LBrace);
}

type Stop = ReadonlySet<TokenType>;
const stop = (...types: TokenType[]): Stop => new Set([...types, ...BLOCK_KEYWORDS]);
/**
 * Statement keywords per block. A list continues on the next line after a comma, unless that
 * line starts with one of these: then the comma was a trailing typo (`client public,`) and
 * the line is the next statement, not a list element.
 */
const APP_STOP = stop(T.Client, T.Auth, T.Registration, T.ClientId, T.SoftwareId, T.User, T.Launch);
const GRANT_STOP = stop(T.Allow, T.Deny);
const POLICY_STOP = stop(T.Fhir, T.Locales, T.Default, T.Option, T.RevokeUri);
const CONTEXT_STOP = stop(T.Token, T.Introspection);
const REFRESH_STOP = stop(T.OfflineAccess, T.OnlineAccess, T.Lifetime, T.Idle, T.Rotate, T.On, T.Bind, T.Grace, T.Remind);
const REGISTRATION_STOP = stop(T.SoftwareId, T.InitialToken, T.Algorithms, T.Instance, T.Instances);
const TEST_STOP = stop(T.Expect, T.Token, T.Access);
const PHRASEBOOK_STOP = stop(T.Message, T.Wildcard, T.Jargon, T.Possessive);
/** Conditions appear in grant rules and in refresh blocks. */
const CONDITION_STOP = stop(
  T.Allow,
  T.Deny,
  T.OfflineAccess,
  T.OnlineAccess,
  T.Lifetime,
  T.Idle,
  T.Rotate,
  T.On,
  T.Bind,
  T.Grace,
  T.Remind,
);
const APP_OR_REGISTRATION_STOP: Stop = new Set([...APP_STOP, ...REGISTRATION_STOP]);

export class PolicyParser extends CstParser {
  constructor() {
    // Node locations let the AST builder take ranges without walking each subtree again.
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 1, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  /** True when the next token starts on the line where the last consumed token ends. */
  private sameLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType !== EOF && prev.endLine !== undefined && next.startLine === prev.endLine;
  }

  /**
   * True when the next token starts a top-level block on a new line (`grant x {`, `test "…"`).
   * Block bodies stop there, so a forgotten `}` costs one error instead of swallowing the rest
   * of the file. Keywords that are also statements (`app`, `grant`, `context` …) count only when
   * a `{` follows their header.
   */
  private atNextBlock(): boolean {
    return startsBlock((k) => this.LA(k));
  }

  /**
   * In `token {…}` / `access {…}` opened by `opener`: a line starting with `expect`, `token` or
   * `access` no deeper than the opener ends the block (its `}` was forgotten). Deeper lines are
   * just bad statements inside it.
   */
  private atTestStatement(opener: IToken): boolean {
    const next = this.LA(1);
    const prev = this.LA(0);
    if (next.tokenType !== T.Expect && next.tokenType !== T.Token && next.tokenType !== T.Access) return false;
    const firstOnLine = prev.endLine === undefined || prev.endLine < (next.startLine ?? 0);
    return firstOnLine && (next.startColumn ?? 0) <= (opener.startColumn ?? 0);
  }

  /** In `where … {…}` opened by `opener`: a `where` line no deeper than it ends the block. */
  private atWhere(opener: IToken): boolean {
    const next = this.LA(1);
    const prev = this.LA(0);
    const firstOnLine = prev.endLine === undefined || prev.endLine < (next.startLine ?? 0);
    return next.tokenType === T.Where && firstOnLine && (next.startColumn ?? 0) <= (opener.startColumn ?? 0);
  }

  /** `<locale> [short|long] "text"`: any other line in an explain block is a bad statement. */
  private atExplainText(): boolean {
    const t = this.LA(2).tokenType;
    return tokenMatcher(this.LA(2), T.StringLit) || t === T.Short || t === T.Long;
  }

  // ─── file ────────────────────────────────────────────────────────────────────────────────

  public file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  private topItem = this.RULE('topItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.policyBlock) },
        { ALT: () => this.SUBRULE(this.appBlock) },
        { ALT: () => this.SUBRULE(this.grantBlock) },
        { ALT: () => this.SUBRULE(this.contextBlock) },
        { ALT: () => this.SUBRULE(this.refreshBlock) },
        { ALT: () => this.SUBRULE(this.registrationBlock) },
        { ALT: () => this.SUBRULE(this.explainBlock) },
        { ALT: () => this.SUBRULE(this.phrasebookBlock) },
        { ALT: () => this.SUBRULE(this.testBlock) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.topBad) },
      ],
    });
  });

  private importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLit);
  });

  // ─── recovery helpers ────────────────────────────────────────────────────────────────────

  /** A balanced `{ … }` group, skipped as a whole. */
  private braceGroup = this.RULE('braceGroup', () => {
    this.CONSUME(T.LBrace);
    this.MANY({
      GATE: () => !this.atNextBlock(),
      DEF: () => {
        this.OR([{ ALT: () => this.SUBRULE(this.braceGroup) }, { ALT: () => this.CONSUME(T.Loose) }]);
      },
    });
    this.CONSUME(T.RBrace);
  });

  /** A statement nobody recognises: its first token and the rest of that line. */
  private badStatement = this.RULE('badStatement', () => {
    let line = -1;
    this.OR([{ ALT: () => this.SUBRULE(this.braceGroup) }, { ALT: () => this.CONSUME(T.Loose) }]);
    this.ACTION(() => {
      line = this.LA(0).endLine ?? -1;
    });
    this.MANY({
      GATE: () => this.LA(1).startLine === line,
      DEF: () => {
        this.OR2([{ ALT: () => this.SUBRULE2(this.braceGroup) }, { ALT: () => this.CONSUME2(T.Loose) }]);
      },
    });
  });

  /**
   * Anything at top level that is not a block: swallowed up to the next block header, so
   * statements orphaned by a stray `}` cost one error, not one per line.
   */
  private topBad = this.RULE('topBad', () => {
    this.OR([{ ALT: () => this.CONSUME(T.RBrace) }, { ALT: () => this.SUBRULE(this.braceGroup) }, { ALT: () => this.CONSUME(T.Loose) }]);
    this.MANY({
      GATE: () => !this.atNextBlock(),
      DEF: () => {
        this.OR2([
          { ALT: () => this.CONSUME2(T.RBrace) },
          { ALT: () => this.SUBRULE2(this.braceGroup) },
          { ALT: () => this.CONSUME2(T.Loose) },
        ]);
      },
    });
  });

  // ─── common pieces ───────────────────────────────────────────────────────────────────────

  /** `a, b, c` — words; the first must be on the keyword's line. */
  /** True unless `, <next line starting with a statement keyword>` follows (see the stop sets). */
  private listContinues(stopAt: Stop | undefined): boolean {
    if (stopAt === undefined) return true;
    const comma = this.LA(1);
    const next = this.LA(2);
    return !(stopAt.has(next.tokenType) && (next.startLine ?? 0) > (comma.endLine ?? 0));
  }

  private wordList = this.RULE('wordList', (stopAt?: Stop) => {
    this.CONSUME(T.Word, { LABEL: 'first' });
    this.MANY({
      GATE: () => this.listContinues(stopAt),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.Word);
      },
    });
  });

  private stringList = this.RULE('stringList', (stopAt?: Stop) => {
    this.CONSUME(T.StringLit);
    this.MANY({
      GATE: () => this.listContinues(stopAt),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.CONSUME2(T.StringLit);
      },
    });
  });

  private scopeItem = this.RULE('scopeItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.ScopeTok) },
      { ALT: () => this.CONSUME(T.UriTok) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Word) },
    ]);
  });

  /** Scopes, inlined as tokens labelled `item` (no node per scope: long lists allocate less). */
  private scopeList = this.RULE('scopeList', (stopAt?: Stop) => {
    this.scopeToken(1);
    this.MANY({
      GATE: () => this.listContinues(stopAt),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.scopeToken(2);
      },
    });
  });

  private scopeToken(idx: 1 | 2): void {
    const alts = [
      { ALT: () => this.consume(idx * 10 + 1, T.ScopeTok, { LABEL: 'item' }) },
      { ALT: () => this.consume(idx * 10 + 2, T.UriTok, { LABEL: 'item' }) },
      { ALT: () => this.consume(idx * 10 + 3, T.StringLit, { LABEL: 'item' }) },
      { ALT: () => this.consume(idx * 10 + 4, T.Word, { LABEL: 'item' }) },
    ];
    this.or(idx * 10, alts);
  }

  /** A word list whose first element sits on the current line (or nothing is consumed → error). */
  private lineWordList(stopAt: Stop): void {
    // Index 9: callers may use OPTION..OPTION8 themselves.
    this.OPTION9({ GATE: () => this.sameLine(), DEF: () => this.SUBRULE9(this.wordList, { ARGS: [stopAt] }) });
  }

  // ─── policy ──────────────────────────────────────────────────────────────────────────────

  private policyBlock = this.RULE('policyBlock', () => {
    this.CONSUME(T.Policy);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.policyStatement) });
    this.CONSUME(T.RBrace);
  });

  private policyStatement = this.RULE('policyStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.fhirStmt) },
        { ALT: () => this.SUBRULE(this.localesStmt) },
        { ALT: () => this.SUBRULE(this.defaultLocaleStmt) },
        { ALT: () => this.SUBRULE(this.optionStmt) },
        { ALT: () => this.SUBRULE(this.revokeUriStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private fhirStmt = this.RULE('fhirStmt', () => {
    this.CONSUME(T.Fhir);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word) });
  });

  private localesStmt = this.RULE('localesStmt', () => {
    this.CONSUME(T.Locales);
    this.lineWordList(POLICY_STOP);
  });

  private defaultLocaleStmt = this.RULE('defaultLocaleStmt', () => {
    this.CONSUME(T.Default);
    this.CONSUME(T.Locale);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word) });
  });

  /** `revoke_uri "https://…"`: where people stop an app's access (shown on consent screens). */
  private revokeUriStmt = this.RULE('revokeUriStmt', () => {
    this.CONSUME(T.RevokeUri);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.StringLit) });
  });

  private optionStmt = this.RULE('optionStmt', () => {
    this.CONSUME(T.Option);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'name' }) });
    this.MANY({
      GATE: () => this.sameLine(),
      DEF: () => this.SUBRULE(this.optionValue),
    });
  });

  private optionValue = this.RULE('optionValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Word) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.NumberTok) },
      { ALT: () => this.CONSUME(T.DurationTok) },
      { ALT: () => this.CONSUME(T.ScopeTok) },
    ]);
  });

  // ─── app ─────────────────────────────────────────────────────────────────────────────────

  private appBlock = this.RULE('appBlock', () => {
    this.CONSUME(T.App);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.appStatement) });
    this.CONSUME(T.RBrace);
  });

  private appStatement = this.RULE('appStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.appListStmt) },
        { ALT: () => this.SUBRULE(this.appStringsStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private appListStmt = this.RULE('appListStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Client, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Auth, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Registration, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.User, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Launch, { LABEL: 'keyword' }) },
    ]);
    this.lineWordList(APP_STOP);
  });

  private appStringsStmt = this.RULE('appStringsStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.ClientId, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.SoftwareId, { LABEL: 'keyword' }) },
    ]);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.SUBRULE(this.stringList, { ARGS: [APP_OR_REGISTRATION_STOP] }) });
  });

  // ─── grant ───────────────────────────────────────────────────────────────────────────────

  private grantBlock = this.RULE('grantBlock', () => {
    this.CONSUME(T.Grant);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.grantStatement) });
    this.CONSUME(T.RBrace);
  });

  private grantStatement = this.RULE('grantStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.grantRule) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private grantRule = this.RULE('grantRule', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Allow, { LABEL: 'effect' }) }, { ALT: () => this.CONSUME(T.Deny, { LABEL: 'effect' }) }]);
    // `allow as lab_read patient/Observation.rs`: `as` names the rule only when a name and
    // then more follow on the line (`as` alone stays a scope word, reported by the checker).
    this.OPTION4({
      GATE: () =>
        this.LA(1).tokenType === T.As && this.sameLine() && tokenMatcher(this.LA(2), T.Word) && this.LA(2).startLine === this.LA(1).endLine,
      DEF: () => {
        this.CONSUME(T.As);
        this.CONSUME(T.Word, { LABEL: 'ruleName' });
      },
    });
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.SUBRULE(this.scopeList, { ARGS: [GRANT_STOP] }) });
    this.OPTION2(() => {
      this.CONSUME(T.When);
      this.SUBRULE(this.condition);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Because);
      this.CONSUME(T.StringLit);
    });
  });

  private condition = this.RULE('condition', () => {
    this.SUBRULE(this.andCondition);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andCondition);
    });
  });

  private andCondition = this.RULE('andCondition', () => {
    this.SUBRULE(this.notCondition);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notCondition);
    });
  });

  private notCondition = this.RULE('notCondition', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notCondition);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.condition);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.isCondition) },
    ]);
  });

  private isCondition = this.RULE('isCondition', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.Launch, { LABEL: 'subject' }) },
            { ALT: () => this.CONSUME(T.User, { LABEL: 'subject' }) },
            { ALT: () => this.CONSUME(T.Client, { LABEL: 'subject' }) },
            { ALT: () => this.CONSUME(T.Grant, { LABEL: 'subject' }) },
          ]);
          this.CONSUME(T.Is);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Bound, { LABEL: 'subject' });
          this.CONSUME(T.By);
        },
      },
    ]);
    this.lineWordList(CONDITION_STOP);
  });

  // ─── context ─────────────────────────────────────────────────────────────────────────────

  private contextBlock = this.RULE('contextBlock', () => {
    this.CONSUME(T.Context);
    this.OPTION(() => this.CONSUME(T.Word, { LABEL: 'name' }));
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.contextStatement) });
    this.CONSUME(T.RBrace);
  });

  private contextStatement = this.RULE('contextStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.tokenCarriesStmt) },
        { ALT: () => this.SUBRULE(this.introspectionStmt) },
        // Only `<pattern> requires …`: any other word starting a line is a bad statement.
        { GATE: () => this.LA(2).tokenType === T.Requires, ALT: () => this.SUBRULE(this.requiresStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private tokenCarriesStmt = this.RULE('tokenCarriesStmt', () => {
    this.CONSUME(T.Token);
    this.CONSUME(T.Carries);
    this.lineWordList(CONTEXT_STOP);
  });

  private introspectionStmt = this.RULE('introspectionStmt', () => {
    this.CONSUME(T.Introspection);
    this.CONSUME(T.Echoes);
    this.lineWordList(CONTEXT_STOP);
  });

  private requiresStmt = this.RULE('requiresStmt', () => {
    this.SUBRULE(this.scopeItem, { LABEL: 'pattern' });
    this.CONSUME(T.Requires);
    this.OPTION({
      GATE: () => this.sameLine(),
      DEF: () => {
        this.SUBRULE(this.contextItem);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.contextItem);
        });
      },
    });
  });

  private contextItem = this.RULE('contextItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.FhirContext, { LABEL: 'parameter' });
            this.OPTION({
              GATE: () => this.sameLine(),
              DEF: () => {
                this.OR2([
                  { ALT: () => this.CONSUME(T.Word, { LABEL: 'resourceType' }) },
                  { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'resourceType' }) },
                ]);
              },
            });
            this.OPTION2(() => {
              this.CONSUME(T.Role);
              this.CONSUME2(T.StringLit, { LABEL: 'role' });
            });
          },
        },
        { ALT: () => this.CONSUME2(T.Word, { LABEL: 'parameter' }) },
      ],
    });
  });

  // ─── refresh ─────────────────────────────────────────────────────────────────────────────

  private refreshBlock = this.RULE('refreshBlock', () => {
    this.CONSUME(T.Refresh);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.refreshStatement) });
    this.CONSUME(T.RBrace);
  });

  private refreshStatement = this.RULE('refreshStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.refreshAccessStmt) },
        { ALT: () => this.SUBRULE(this.durationStmt) },
        { ALT: () => this.SUBRULE(this.rotateStmt) },
        { ALT: () => this.SUBRULE(this.reuseStmt) },
        { ALT: () => this.SUBRULE(this.bindStmt) },
        { ALT: () => this.SUBRULE(this.remindStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private refreshAccessStmt = this.RULE('refreshAccessStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.OfflineAccess, { LABEL: 'mode' }) },
      { ALT: () => this.CONSUME(T.OnlineAccess, { LABEL: 'mode' }) },
    ]);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.Allowed);
          this.OPTION(() => {
            this.CONSUME(T.When);
            this.SUBRULE(this.condition);
          });
        },
      },
      { ALT: () => this.CONSUME(T.Denied) },
    ]);
  });

  /** `lifetime 90d`, `idle 30d`, `grace 10s` (refresh) and `instance lifetime 365d`, `initial_token max_age 10m` (registration). */
  private durationStmt = this.RULE('durationStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Lifetime, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Idle, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Grace, { LABEL: 'keyword' }) },
    ]);
    this.CONSUME(T.DurationTok);
  });

  private rotateStmt = this.RULE('rotateStmt', () => {
    this.CONSUME(T.Rotate);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.Every);
          this.CONSUME(T.Use);
        },
      },
      { ALT: () => this.CONSUME(T.Never) },
    ]);
  });

  private reuseStmt = this.RULE('reuseStmt', () => {
    this.CONSUME(T.On);
    this.CONSUME(T.Reuse);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Revoke);
          this.CONSUME(T.Grant);
        },
      },
      { ALT: () => this.CONSUME(T.Reject) },
    ]);
  });

  private bindStmt = this.RULE('bindStmt', () => {
    this.CONSUME(T.Bind);
    this.lineWordList(REFRESH_STOP);
    this.OPTION(() => this.CONSUME(T.Required));
  });

  private remindStmt = this.RULE('remindStmt', () => {
    this.CONSUME(T.Remind);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.CONSUME(T.DurationTok, { LABEL: 'every' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.CONSUME(T.Most);
          this.CONSUME(T.NumberTok);
          this.CONSUME(T.Per);
          this.CONSUME2(T.DurationTok, { LABEL: 'per' });
        },
      },
    ]);
  });

  // ─── registration ────────────────────────────────────────────────────────────────────────

  private registrationBlock = this.RULE('registrationBlock', () => {
    this.CONSUME(T.Registration);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.registrationStatement) });
    this.CONSUME(T.RBrace);
  });

  private registrationStatement = this.RULE('registrationStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.appStringsStmt) },
        { ALT: () => this.SUBRULE(this.initialTokenStmt) },
        { ALT: () => this.SUBRULE(this.algorithmsStmt) },
        { ALT: () => this.SUBRULE(this.instanceStmt) },
        { ALT: () => this.SUBRULE(this.instancesStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private initialTokenStmt = this.RULE('initialTokenStmt', () => {
    this.CONSUME(T.InitialToken);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.MaxAge);
          this.CONSUME(T.DurationTok);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Single);
          this.CONSUME(T.Use);
        },
      },
    ]);
  });

  private algorithmsStmt = this.RULE('algorithmsStmt', () => {
    this.CONSUME(T.Algorithms);
    this.lineWordList(REGISTRATION_STOP);
  });

  private instanceStmt = this.RULE('instanceStmt', () => {
    this.CONSUME(T.Instance);
    this.CONSUME(T.Lifetime);
    this.CONSUME(T.DurationTok);
  });

  private instancesStmt = this.RULE('instancesStmt', () => {
    this.CONSUME(T.Instances);
    this.CONSUME(T.Per);
    this.CONSUME(T.User);
    this.CONSUME(T.NumberTok);
  });

  // ─── explain ─────────────────────────────────────────────────────────────────────────────

  private explainBlock = this.RULE('explainBlock', () => {
    this.CONSUME(T.Explain);
    this.OR([
      { ALT: () => this.CONSUME(T.Word, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(T.Star, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(T.ScopeTok, { LABEL: 'target' }) },
    ]);
    // `sensitive`: the data needs its own opt-in on consent screens.
    this.OPTION(() => this.CONSUME(T.Sensitive));
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.explainStatement) });
    this.CONSUME(T.RBrace);
  });

  private explainStatement = this.RULE('explainStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.whereStmt) },
        { GATE: () => this.atExplainText(), ALT: () => this.SUBRULE(this.explainText) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private whereStmt = this.RULE('whereStmt', () => {
    const opener = this.CONSUME(T.Where);
    this.CONSUME(T.Word, { LABEL: 'param' });
    this.CONSUME(T.Equals);
    this.OR([{ ALT: () => this.CONSUME(T.BareValue, { LABEL: 'value' }) }, { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'value' }) }]);
    this.OPTION(() => this.CONSUME(T.Sensitive));
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock() && !this.atWhere(opener), DEF: () => this.SUBRULE(this.whereStatement) });
    this.CONSUME(T.RBrace);
  });

  private whereStatement = this.RULE('whereStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.atExplainText(), ALT: () => this.SUBRULE(this.explainText) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private explainText = this.RULE('explainText', () => {
    this.CONSUME(T.Word, { LABEL: 'locale' });
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Short, { LABEL: 'form' }) }, { ALT: () => this.CONSUME(T.Long, { LABEL: 'form' }) }]);
    });
    this.CONSUME(T.StringLit);
    this.OPTION2(() => {
      this.OR2([
        { ALT: () => this.CONSUME(T.Masculine, { LABEL: 'gender' }) },
        { ALT: () => this.CONSUME(T.Feminine, { LABEL: 'gender' }) },
        { ALT: () => this.CONSUME(T.Neuter, { LABEL: 'gender' }) },
      ]);
    });
    this.OPTION3(() => {
      this.OR3([{ ALT: () => this.CONSUME(T.Singular, { LABEL: 'number' }) }, { ALT: () => this.CONSUME(T.Plural, { LABEL: 'number' }) }]);
    });
    // `for caregiver, clinician`: a variant of the text for some readers only.
    this.OPTION4(() => {
      this.CONSUME(T.For);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Word, { LABEL: 'audience' }) });
    });
  });

  // ─── phrasebook ──────────────────────────────────────────────────────────────────────────

  private phrasebookBlock = this.RULE('phrasebookBlock', () => {
    this.CONSUME(T.PhrasebookKw);
    this.CONSUME(T.Word, { LABEL: 'locale' });
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.phrasebookStatement) });
    this.CONSUME(T.RBrace);
  });

  private phrasebookStatement = this.RULE('phrasebookStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.messageStmt) },
        { ALT: () => this.SUBRULE(this.wildcardStmt) },
        { ALT: () => this.SUBRULE(this.wordsStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  /** `message <key> "<ICU MessageFormat>"` — the key on the keyword's line. */
  private messageStmt = this.RULE('messageStmt', () => {
    this.CONSUME(T.Message);
    this.OPTION({
      GATE: () => this.sameLine(),
      DEF: () => {
        this.CONSUME(T.Word, { LABEL: 'key' });
        this.CONSUME(T.StringLit);
      },
    });
  });

  /** `wildcard [short|long] "text" [gender] [number]`, like an explain text without a locale. */
  private wildcardStmt = this.RULE('wildcardStmt', () => {
    this.CONSUME(T.Wildcard);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Short, { LABEL: 'form' }) }, { ALT: () => this.CONSUME(T.Long, { LABEL: 'form' }) }]);
    });
    this.CONSUME(T.StringLit);
    this.OPTION2(() => {
      this.OR2([
        { ALT: () => this.CONSUME(T.Masculine, { LABEL: 'gender' }) },
        { ALT: () => this.CONSUME(T.Feminine, { LABEL: 'gender' }) },
        { ALT: () => this.CONSUME(T.Neuter, { LABEL: 'gender' }) },
      ]);
    });
    this.OPTION3(() => {
      this.OR3([{ ALT: () => this.CONSUME(T.Singular, { LABEL: 'number' }) }, { ALT: () => this.CONSUME(T.Plural, { LABEL: 'number' }) }]);
    });
  });

  /** `jargon "a", "b"` / `possessive "a", "b"` — the first string on the keyword's line. */
  private wordsStmt = this.RULE('wordsStmt', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Jargon, { LABEL: 'keyword' }) }, { ALT: () => this.CONSUME(T.Possessive, { LABEL: 'keyword' }) }]);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.SUBRULE(this.stringList, { ARGS: [PHRASEBOOK_STOP] }) });
  });

  // ─── test ────────────────────────────────────────────────────────────────────────────────

  private testBlock = this.RULE('testBlock', () => {
    this.CONSUME(T.Test);
    this.CONSUME(T.StringLit);
    this.OPTION(() => {
      this.CONSUME(T.With);
      this.CONSUME(T.Rows);
      this.SUBRULE(this.table);
    });
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.testStatement) });
    this.CONSUME(T.RBrace);
  });

  private table = this.RULE('table', () => {
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock(), DEF: () => this.SUBRULE(this.tableRow) });
    this.CONSUME(T.RBrace);
  });

  private tableRow = this.RULE('tableRow', () => {
    this.CONSUME(T.Pipe);
    this.AT_LEAST_ONE(() => {
      this.SUBRULE(this.tableCell);
      this.CONSUME2(T.Pipe);
    });
  });

  private tableCell = this.RULE('tableCell', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Word) },
      { ALT: () => this.CONSUME(T.NumberTok) },
      { ALT: () => this.CONSUME(T.DurationTok) },
      { ALT: () => this.CONSUME(T.ScopeTok) },
      { ALT: () => this.CONSUME(T.UriTok) },
    ]);
  });

  private testStatement = this.RULE('testStatement', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // `token`/`access` open a request only when `{` follows; otherwise the line is bad.
        { GATE: () => this.LA(2).tokenType === T.LBrace, ALT: () => this.SUBRULE(this.tokenBlock) },
        { GATE: () => this.LA(2).tokenType === T.LBrace, ALT: () => this.SUBRULE(this.accessBlock) },
        { ALT: () => this.SUBRULE(this.expectStmt) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private tokenBlock = this.RULE('tokenBlock', () => {
    const opener = this.CONSUME(T.Token);
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock() && !this.atTestStatement(opener), DEF: () => this.SUBRULE(this.tokenField) });
    this.CONSUME(T.RBrace);
  });

  private tokenField = this.RULE('tokenField', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.tokenWordField) },
        { ALT: () => this.SUBRULE(this.tokenStringField) },
        { ALT: () => this.SUBRULE(this.previousScopeField) },
        { ALT: () => this.SUBRULE(this.contextField) },
        { ALT: () => this.SUBRULE(this.boundField) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  /** `app x`, `grant g`, `launch l`, `user u` */
  private tokenWordField = this.RULE('tokenWordField', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.App, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Grant, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Launch, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.User, { LABEL: 'keyword' }) },
    ]);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'value' }) });
  });

  /** `client_id "…"`, `scope "…"` */
  private tokenStringField = this.RULE('tokenStringField', () => {
    this.OR([{ ALT: () => this.CONSUME(T.ClientId, { LABEL: 'keyword' }) }, { ALT: () => this.CONSUME(T.ScopeKw, { LABEL: 'keyword' }) }]);
    this.CONSUME(T.StringLit);
  });

  private previousScopeField = this.RULE('previousScopeField', () => {
    this.CONSUME(T.Previous);
    this.CONSUME(T.ScopeKw);
    this.CONSUME(T.StringLit);
  });

  private contextField = this.RULE('contextField', () => {
    this.CONSUME(T.Context);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'parameter' }) });
    this.CONSUME(T.StringLit, { LABEL: 'value' });
    this.OPTION2(() => {
      this.CONSUME(T.Role);
      this.CONSUME2(T.StringLit, { LABEL: 'role' });
    });
  });

  private boundField = this.RULE('boundField', () => {
    this.CONSUME(T.Bound);
    this.CONSUME(T.By);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'value' }) });
  });

  private accessBlock = this.RULE('accessBlock', () => {
    const opener = this.CONSUME(T.Access);
    this.CONSUME(T.LBrace);
    this.MANY({ GATE: () => !this.atNextBlock() && !this.atTestStatement(opener), DEF: () => this.SUBRULE(this.accessField) });
    this.CONSUME(T.RBrace);
  });

  private accessField = this.RULE('accessField', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.tokenStringField) },
        { ALT: () => this.SUBRULE(this.contextField) },
        { ALT: () => this.SUBRULE(this.requestField) },
        { ALT: () => this.SUBRULE(this.resourceField) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.badStatement) },
      ],
    });
  });

  private requestField = this.RULE('requestField', () => {
    this.CONSUME(T.Request);
    this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'method' }) });
    this.CONSUME(T.StringLit, { LABEL: 'path' });
    this.OPTION2(() => {
      this.CONSUME(T.Query);
      this.CONSUME2(T.StringLit, { LABEL: 'query' });
    });
  });

  private resourceField = this.RULE('resourceField', () => {
    this.CONSUME(T.Resource);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.File);
          this.CONSUME(T.StringLit);
        },
      },
      { ALT: () => this.SUBRULE(this.jsonObject) },
    ]);
  });

  private expectStmt = this.RULE('expectStmt', () => {
    this.CONSUME(T.Expect);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Granted, { LABEL: 'what' });
          this.CONSUME(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dropped, { LABEL: 'what' });
          this.OPTION({ GATE: () => this.sameLine(), DEF: () => this.SUBRULE(this.scopeList, { ARGS: [TEST_STOP] }) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Decision, { LABEL: 'what' });
          this.OPTION2({ GATE: () => this.sameLine(), DEF: () => this.CONSUME(T.Word, { LABEL: 'value' }) });
        },
      },
      { ALT: () => this.CONSUME(T.Allow, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(T.Deny, { LABEL: 'what' }) },
      {
        ALT: () => {
          this.CONSUME(T.ErrorKw, { LABEL: 'what' });
          this.OPTION3({ GATE: () => this.sameLine(), DEF: () => this.CONSUME2(T.Word, { LABEL: 'value' }) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Reason, { LABEL: 'what' });
          this.CONSUME2(T.StringLit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Refresh, { LABEL: 'what' });
          this.OPTION4({ GATE: () => this.sameLine(), DEF: () => this.CONSUME3(T.Word, { LABEL: 'value' }) });
        },
      },
    ]);
  });

  // ─── JSON ────────────────────────────────────────────────────────────────────────────────

  private jsonObject = this.RULE('jsonObject', () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.jsonMember);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.jsonMember);
      });
    });
    this.CONSUME(T.RBrace);
  });

  private jsonMember = this.RULE('jsonMember', () => {
    this.CONSUME(T.StringLit);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.jsonValue);
  });

  private jsonArray = this.RULE('jsonArray', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.jsonValue);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.jsonValue);
      });
    });
    this.CONSUME(T.RBracket);
  });

  private jsonValue = this.RULE('jsonValue', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.jsonObject) },
      { ALT: () => this.SUBRULE(this.jsonArray) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.NumberTok) },
      { ALT: () => this.CONSUME(T.Word) },
    ]);
  });
}

/** The chevrotain internals the re-sync override below relies on (stable across 10.x–11.x). */
interface ResyncInternals {
  buildFullFollowKeyStack(): unknown[];
  getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
  LA(k: number): IToken;
}

/**
 * Re-sync innermost first. Chevrotain scans the follow sets of the whole rule stack outermost
 * first, so a failed statement followed by a word that can start a top-level block (`app`,
 * `grant`, `context` — also statements of token requests) unwinds to the file level and
 * drops the rest of the block. Every statement's follow set holds `Loose` (the catch-all bad
 * statement), so innermost-first re-syncs right where the error is; the leftovers of the
 * line then form one bad statement, reported on the same line.
 */
function findReSyncTokenTypeInnermostFirst(this: ResyncInternals): TokenType {
  const follows = this.buildFullFollowKeyStack()
    .map((key) => this.getFollowSetFromFollowKey(key) ?? [])
    .reverse()
    .flat();
  for (let k = 1; ; k++) {
    const next = this.LA(k);
    // EOF is in the outermost follow set and LA past the end is EOF, so this terminates.
    const found = follows.find((type) => tokenMatcher(next, type));
    if (found !== undefined) return found;
  }
}
(PolicyParser.prototype as unknown as { findReSyncTokenType: typeof findReSyncTokenTypeInnermostFirst }).findReSyncTokenType =
  findReSyncTokenTypeInnermostFirst;

/** The one parser instance; `input` is reset per parse (chevrotain parsers are reusable). */
export const policyParser = new PolicyParser();

/** Parses tokens into a CST; errors are in `policyParser.errors` until the next call. */
export function parseTokens(tokens: IToken[]): CstNode {
  policyParser.input = tokens;
  return policyParser.file();
}
