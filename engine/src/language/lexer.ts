/**
 * Tokens of the policy language (chevrotain). Keywords are ordinary words to the user, so every
 * keyword also belongs to the `Word` category: wherever a name or value is expected, a keyword
 * is accepted too (`allow` is an option value, `grant` a condition subject, `is` a locale).
 *
 * Two categories exist only for error recovery: `Loose` (every token but braces) and the
 * catch-all `Invalid` token, so the lexer never fails and the parser can skip a bad line.
 */
import { createToken, Lexer } from 'chevrotain';
import type { CustomPatternMatcherFunc, ILexingResult, IToken, TokenType } from 'chevrotain';

/** Every token except `{` and `}`: what a skipped bad statement may contain on its line. */
export const Loose = createToken({ name: 'Loose', pattern: Lexer.NA });
/** Anything usable as a name or value: identifiers, keywords, `$variables`. */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA, categories: [Loose], label: 'a name or word' });
/** Strings, including an unterminated one (reported, then treated as a string). */
export const StringLit = createToken({ name: 'StringLit', pattern: Lexer.NA, categories: [Loose], label: 'a quoted string' });

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\ufeff\u2028\u2029]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: 'comments' });

export const CompleteString = createToken({
  name: 'CompleteString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  categories: [StringLit],
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringLit],
});

/** `(patient|user|system|launch)/…` up to whitespace, `,`, `;`, `{`, `}`, `#` or `"`. */
export const ScopeTok = createToken({
  name: 'ScopeTok',
  pattern: /(?:patient|user|system|launch)\/[^\s,;{}#"]*/,
  categories: [Loose],
  label: 'a scope',
});

/** An absolute URI with `://` (extension scopes such as `https://ehr.example.org/scopes/x`), up to the same stops. */
export const UriTok = createToken({
  name: 'UriTok',
  pattern: /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s,;{}#"]*/,
  categories: [Loose],
  label: 'a URI',
});

const bareValueRe = /[^\s,;{}#"]+/y;
/**
 * After `=` (only used in `where <param> = <value>`) a value is one raw word, so URLs and
 * `system|code` tokens need no quotes. A custom matcher because it depends on the previous token.
 */
const matchBareValue: CustomPatternMatcherFunc = (text, offset, tokens) => {
  const prev = tokens[tokens.length - 1];
  if (prev === undefined || prev.tokenType !== Equals) return null;
  bareValueRe.lastIndex = offset;
  return bareValueRe.exec(text);
};
/** Printable ASCII that can start a bare value (a non-ASCII start must be quoted). */
const bareValueStarts = Array.from({ length: 94 }, (_, i) => i + 33).filter((c) => !',;{}#"'.includes(String.fromCharCode(c)));
export const BareValue = createToken({
  name: 'BareValue',
  pattern: { exec: matchBareValue },
  start_chars_hint: bareValueStarts,
  line_breaks: false,
  categories: [Loose],
  label: 'a value',
});

export const DurationTok = createToken({
  name: 'DurationTok',
  pattern: /\d+[smhd](?![A-Za-z0-9_])/,
  categories: [Loose],
  label: 'a duration such as 90d',
});
export const NumberTok = createToken({
  name: 'NumberTok',
  pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
  categories: [Loose],
  label: 'a number',
});
export const Variable = createToken({ name: 'Variable', pattern: /\$[A-Za-z_][A-Za-z0-9_]*/, categories: [Word] });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:[-.:][A-Za-z0-9_]+)*/,
  categories: [Word],
});

export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: "'}'" });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: "'['", categories: [Loose] });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: "']'", categories: [Loose] });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('", categories: [Loose] });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'", categories: [Loose] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','", categories: [Loose] });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, label: "';'", categories: [Loose] });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'", categories: [Loose] });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: "'='", categories: [Loose] });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, label: "'|'", categories: [Loose] });
export const Star = createToken({ name: 'Star', pattern: /\*/, label: "'*'", categories: [Loose] });
/**
 * Never produced by the lexer (characters that start no token become lexer errors, reported as
 * `syntax.token.invalid`); kept so tools can name the concept. A catch-all pattern here would
 * cost chevrotain's first-character optimisation, i.e. most of the lexer's speed.
 */
export const Invalid = createToken({ name: 'Invalid', pattern: Lexer.NA, categories: [Loose] });

/** The keyword token types by their spelling. */
export const keywords: Record<string, TokenType> = {};

/**
 * Keywords are not matched by the lexer: every word lexes as an Identifier and is then
 * re-typed by exact spelling (`lexPolicy`). One regex per word instead of one per keyword
 * sharing its first letter, and `client_id` vs `client` needs no ordering tricks.
 */
function kw(word: string): TokenType {
  const t = createToken({
    name: `Kw_${word}`,
    pattern: Lexer.NA,
    categories: [Word],
    label: `'${word}'`,
  });
  keywords[word] = t;
  return t;
}

// Block keywords.
export const Import = kw('import');
export const Policy = kw('policy');
export const App = kw('app');
export const Grant = kw('grant');
export const Context = kw('context');
export const Refresh = kw('refresh');
export const Registration = kw('registration');
export const Explain = kw('explain');
export const Test = kw('test');
// policy
export const Fhir = kw('fhir');
export const Locales = kw('locales');
export const Default = kw('default');
export const Locale = kw('locale');
export const Option = kw('option');
// app
export const ClientId = kw('client_id');
export const SoftwareId = kw('software_id');
export const Client = kw('client');
export const Auth = kw('auth');
export const User = kw('user');
export const Launch = kw('launch');
// grant and conditions
export const Allow = kw('allow');
export const Deny = kw('deny');
/** `allow as <name> …`: a rule's stable name (its id in decisions). */
export const As = kw('as');
export const When = kw('when');
export const Because = kw('because');
export const And = kw('and');
export const Or = kw('or');
export const Not = kw('not');
export const Is = kw('is');
export const Bound = kw('bound');
export const By = kw('by');
// context
export const Requires = kw('requires');
export const FhirContext = kw('fhirContext');
export const Role = kw('role');
export const Token = kw('token');
export const Carries = kw('carries');
export const Introspection = kw('introspection');
export const Echoes = kw('echoes');
// refresh
export const OfflineAccess = kw('offline_access');
export const OnlineAccess = kw('online_access');
export const Allowed = kw('allowed');
export const Denied = kw('denied');
export const Lifetime = kw('lifetime');
export const Idle = kw('idle');
export const Rotate = kw('rotate');
export const On = kw('on');
export const Every = kw('every');
export const Use = kw('use');
export const Never = kw('never');
export const Reuse = kw('reuse');
export const Revoke = kw('revoke');
export const Reject = kw('reject');
export const Bind = kw('bind');
export const Required = kw('required');
export const Grace = kw('grace');
export const Remind = kw('remind');
export const At = kw('at');
export const Most = kw('most');
export const Per = kw('per');
// registration
export const InitialToken = kw('initial_token');
export const MaxAge = kw('max_age');
export const Single = kw('single');
export const Algorithms = kw('algorithms');
export const Instance = kw('instance');
export const Instances = kw('instances');
// explain
export const Where = kw('where');
export const Short = kw('short');
export const Long = kw('long');
export const Masculine = kw('masculine');
export const Feminine = kw('feminine');
export const Neuter = kw('neuter');
export const Singular = kw('singular');
export const Plural = kw('plural');
export const For = kw('for');
// phrasebook
export const PhrasebookKw = kw('phrasebook');
export const Message = kw('message');
export const Wildcard = kw('wildcard');
export const Jargon = kw('jargon');
export const Possessive = kw('possessive');
// consent screen: `revoke_uri` in the policy block, `sensitive` on explain and where headers
export const RevokeUri = kw('revoke_uri');
export const Sensitive = kw('sensitive');
// test
export const With = kw('with');
export const Rows = kw('rows');
export const ScopeKw = kw('scope');
export const Previous = kw('previous');
export const Access = kw('access');
export const Request = kw('request');
export const Query = kw('query');
export const Resource = kw('resource');
export const File = kw('file');
export const Expect = kw('expect');
export const Granted = kw('granted');
export const Dropped = kw('dropped');
export const Decision = kw('decision');
export const ErrorKw = kw('error');
export const Reason = kw('reason');

/** Every token type in lexing order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  CompleteString,
  UnterminatedString,
  BareValue,
  ScopeTok,
  UriTok,
  DurationTok,
  NumberTok,
  Variable,
  Identifier,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Semicolon,
  Colon,
  Equals,
  Pipe,
  Star,
  // Abstract categories last (they never match by themselves).
  Word,
  StringLit,
  Loose,
  Invalid,
  // Keywords: never matched by the lexer, assigned by spelling after lexing.
  ...Object.values(keywords),
];

/** The one lexer instance (chevrotain lexers are stateless between calls). */
export const policyLexer = new Lexer(allTokens, {
  positionTracking: 'full',
  // Fail fast if a token change ever disables the first-character optimisation.
  ensureOptimizations: true,
  recoveryEnabled: true,
});

const keywordByImage = new Map(Object.entries(keywords));

/** Lexes a policy file; stray characters come back in `errors` (and are skipped). */
export function lexPolicy(text: string): ILexingResult {
  const result = policyLexer.tokenize(text);
  for (const t of result.tokens) {
    if (t.tokenType !== Identifier) continue;
    const k = keywordByImage.get(t.image);
    if (k !== undefined) {
      // The parser matches on tokenTypeIdx; both fields must change together.
      t.tokenType = k;
      t.tokenTypeIdx = k.tokenTypeIdx as number;
    }
  }
  return result;
}

export type { IToken };
