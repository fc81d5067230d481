/**
 * The intended layers of `engine/src/`, lowest first (ARCHITECTURE.md draws the same picture).
 * A file may import its own folder and folders of LOWER layers only; this order is therefore
 * also a proof that folders have no cycles. `fhir` and `service` are reserved for the FHIR
 * facts and the language service (issue 8, items 1 and 6) so they slot in without a re-order.
 */
export const LAYERS: readonly string[] = [
  'util', // tiny helpers, no domain
  'io', // pure input rules: JSON syntax errors, input limits
  'options', // the options registry: every policy option, its values, default and docs
  'fhir', // FHIR facts: resource types, compartment, search parameters
  'smart', // SMART scopes: parse, normalize, sets
  'access', // decisions on FHIR REST requests
  'schema', // wire-format validators
  'language', // the policy DSL: lexer, parser, AST, formatter, policy-set loader (no I/O)
  'model', // the checker's model of a policy set, the rule contract, and the rules that refuse a compile
  'compile', // AST → PolicyBundle
  'explain', // plain-language consent texts, consent screens, docs pages
  'evaluate', // PolicyBundle → token, refresh, introspection and explain decisions, policy tests
  'check', // the checker: rules over the policy model
  'service', // the pure language service (documents, phases, references)
  'node', // file system, process, browser: the only I/O below the runtime
  'runtime', // keys, clocks and stores: verification, refresh-token families, registration records
  'server', // HTTP: shared Fastify plumbing, the decision server, the reference SMART server
  'cli', // the `smart-policy` command
];

/** Layers below `node` are library layers: pure, no file system, process or browser. */
export const FIRST_IO_LAYER = 'node';

/**
 * Node built-ins a library layer may import: pure computation and module interop only
 * (hashing, `createRequire` for CommonJS dependencies, path and URL string functions).
 * Anything else (`node:fs`, `node:child_process`, `node:os`, …) is I/O and belongs in `node/`.
 */
export const PURE_NODE_BUILTINS: ReadonlySet<string> = new Set(['node:crypto', 'node:module', 'node:path', 'node:url']);

/** Packages only the `node` layer and above may load (a browser driver). */
export const IO_PACKAGES: ReadonlySet<string> = new Set(['playwright-core']);

/** Globals that mean process, Node-only or browser I/O; a library layer must not read them. */
export const IO_GLOBALS: ReadonlySet<string> = new Set([
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'document',
  'window',
  'fetch',
]);

/**
 * Upward imports that are known debt, each with its reason; the test asserts this list EXACTLY,
 * so a new upward import fails and so does a fixed one that was not taken off the list.
 */
export const KNOWN_UPWARD_IMPORTS: readonly string[] = [];
