/**
 * ICU MessageFormat 1 formatting of phrasebook frames (`@messageformat/core`). Each frame is
 * compiled once per locale and cached; formatting never throws — a frame that fails to
 * compile or format is a bug in a phrasebook, reported by the phrasebook tests.
 */
import { createRequire } from 'node:module';
import type { MessageKey, Phrasebook } from './phrasebook/index.js';
import { messageArgs } from './phrasebook/message-args.js';

// The package is CommonJS with `module.exports = MessageFormat` while its types declare an ES
// default export; requiring it gives the class under both module systems.
// The package's declarations model an ES default export that NodeNext cannot see through, so
// the little of its API used here is typed structurally.
interface MessageFormat {
  compile(message: string): (params?: Record<string, unknown>) => unknown;
}
type MessageFormatCtorType = new (locale: string, options?: { strict?: boolean }) => MessageFormat;
const MessageFormatCtor = createRequire(import.meta.url)('@messageformat/core') as MessageFormatCtorType;

/** Arguments of a frame: strings and numbers only (select keys are strings). */
export type MessageArgs = Readonly<Record<string, string | number>>;

type CompiledMessage = (args: Record<string, string | number>) => string;

const formatters = new Map<string, MessageFormat>();
const compiled = new Map<string, CompiledMessage>();

function formatterFor(locale: string): MessageFormat {
  let mf = formatters.get(locale);
  if (!mf) {
    // Plural rules come from the phrasebook's language; an unknown tag falls back to English rules.
    try {
      mf = new MessageFormatCtor(locale, { strict: false });
    } catch {
      mf = new MessageFormatCtor('en', { strict: false });
    }
    formatters.set(locale, mf);
  }
  return mf;
}

/**
 * Why a frame does not compile for the locale (the library's message), or undefined when it
 * compiles. The checker reports this; the renderer drops such frames.
 */
export function compileError(locale: string, source: string): string | undefined {
  // The checker asks again on every keystroke; compiling is the costly part of a check.
  const key = `${locale}\u0000${source}`;
  if (compileResults.has(key)) return compileResults.get(key) ?? undefined;
  let result: string | null;
  try {
    formatterFor(locale).compile(source);
    result = null;
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
  }
  if (compileResults.size >= MAX_COMPILE_RESULTS) compileResults.clear(); // bounded memory
  compileResults.set(key, result);
  return result ?? undefined;
}

/** Compile outcomes by locale and source (`null` = compiles), bounded. */
const compileResults = new Map<string, string | null>();
const MAX_COMPILE_RESULTS = 4096;

/** True when a frame compiles for the locale (used to accept a policy's own frames). */
export function compiles(locale: string, source: string): boolean {
  return compileError(locale, source) === undefined;
}

/** Formats one frame of a phrasebook with its arguments. */
export function formatMessage(book: Phrasebook, key: MessageKey, args: MessageArgs = {}): string {
  const source = book.messages[key];
  // Keyed by the source too: a policy may bring its own frames for a locale.
  const cacheKey = `${book.locale}\u0000${key}\u0000${source}`;
  let fn = compiled.get(cacheKey);
  if (!fn) {
    const run = formatterFor(book.locale).compile(source);
    fn = (args) => String(run(args));
    compiled.set(cacheKey, fn);
  }
  return fn(declaredArgs(key, args));
}

/**
 * Only the arguments the key declares, from the caller's own properties, in an object with no
 * prototype: a frame naming `{constructor}` or `{toString}` finds nothing to print.
 */
function declaredArgs(key: MessageKey, args: MessageArgs): Record<string, string | number> {
  const out = Object.create(null) as Record<string, string | number>;
  for (const [name, type] of Object.entries(messageArgs(key))) {
    const value = Object.hasOwn(args, name) ? args[name] : undefined;
    if (type.kind === 'number') out[name] = typeof value === 'number' && Number.isFinite(value) ? value : 0;
    // A declared argument the caller did not give is empty (a select then takes `other`), never "undefined".
    else out[name] = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  }
  return out;
}

/** Upper-cases the first letter for the start of a sentence, by the locale's rules. */
export function capitalize(text: string, locale: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  let upper: string;
  try {
    upper = head.toLocaleUpperCase(locale);
  } catch {
    upper = head.toUpperCase(); // a policy may declare a tag Intl rejects
  }
  return upper + text.slice(head.length);
}
