/**
 * `checkPolicy`: parsed files in, configured and ignore-filtered diagnostics out. Pure (no I/O);
 * the CLI's `runCheck` and the language server both call it.
 */
import type { Diagnostic } from '../language/diagnostic.js';
import type { PolicyFile } from '../language/ast.js';
import { createRuleContext } from '../model/rule-context.js';
import type { RuleRegistry } from './rule-registry.js';
import { defaultRegistry } from './rule-registry.js';
import type { CheckConfig } from './severity.js';
import { effectiveLevel, isRuleLevel } from './severity.js';
import { buildIgnoreIndex } from './ignores.js';
import type { IgnoreIndex } from './ignores.js';
import { makeDiagnostic } from '../language/diagnostic.js';
import { rangeOf } from '../model/safe.js';
import { indexStatementLines } from './model/statement-lines.js';
import { runRules } from '../model/run-rules.js';
import { countSeverities, sortDiagnostics } from '../model/sort-diagnostics.js';
import type { SeverityCounts } from '../model/sort-diagnostics.js';
import { appendAll } from '../util/append-all.js';

/** The code of a stale ignore comment (registered in `rules/semantic.unused-ignore`). */
export const UNUSED_IGNORE_CODE = 'semantic.unused-ignore';

/** What to check: one AST, several (a policy set), or a loaded set with its parser diagnostics. */
export interface CheckPolicyInput {
  /** A single parsed file. */
  readonly ast?: PolicyFile;
  /** Every file of a policy set (the entry file first). */
  readonly files?: readonly PolicyFile[];
  /**
   * A set from `loadPolicySet`: its files' ASTs are checked and its diagnostics (syntax,
   * `import.*`) are configured and ignored like the checker's own.
   */
  readonly set?: { readonly files: readonly { readonly ast: PolicyFile }[]; readonly diagnostics: readonly Diagnostic[] };
  /** Diagnostics the parser and loader already reported; configured and ignored like ours. */
  readonly parseDiagnostics?: readonly Diagnostic[];
  /** Severities per code; `off` drops a code. */
  readonly config?: CheckConfig;
  /** Defaults to every built-in rule; pass `defaultRegistry.with(...)` to add rules. */
  readonly registry?: RuleRegistry;
}

/** The checker's answer. */
export interface CheckPolicyResult {
  /** Sorted by document, line, column, code. */
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: SeverityCounts;
  /** How many findings an inline ignore silenced. */
  readonly ignored: number;
}

/**
 * Checks a policy (set). Never throws on any AST, however partial: a rule that fails reports
 * `semantic.rule-failed` and the others still run.
 */
export function checkPolicy(input: CheckPolicyInput): CheckPolicyResult {
  const registry = input.registry ?? defaultRegistry;
  const files: PolicyFile[] = [];
  if (input.ast && typeof input.ast === 'object') files.push(input.ast);
  const fromSet = Array.isArray(input.set?.files) ? input.set.files.map((f) => f?.ast) : [];
  for (const f of [...(Array.isArray(input.files) ? input.files : []), ...fromSet])
    if (f && typeof f === 'object' && !files.includes(f)) files.push(f);
  const config = input.config;
  const off = (code: string): boolean => effectiveLevel(code, registry, config) === 'off';

  const context = createRuleContext(files, registry);
  const raw: Diagnostic[] = [
    ...(Array.isArray(input.parseDiagnostics) ? input.parseDiagnostics : []),
    ...(Array.isArray(input.set?.diagnostics) ? input.set.diagnostics : []),
  ].filter(isDiagnostic);
  appendAll(raw, runRules(context, registry, off));
  const statements = indexStatementLines(files);
  const ignores = buildIgnoreIndex(context.index.ignores, (uri, range) => statements.statementLine(uri, range));
  const out: Diagnostic[] = [];
  let ignored = 0;
  for (const d of raw) {
    // Findings arrive with their default severity; only a configured level changes it.
    const configured = config?.rules?.[d.code];
    const level = configured !== undefined && isRuleLevel(configured) ? configured : d.severity;
    if (level === 'off') continue;
    if (ignores.isIgnored(d)) {
      ignored += 1;
      continue;
    }
    out.push(level === d.severity ? d : { ...d, severity: level });
  }
  appendAll(out, unusedIgnores(ignores, registry, config));
  const diagnostics = dedupe(sortDiagnostics(out));
  return { diagnostics, counts: countSeverities(diagnostics), ignored };
}

// An ignore that silenced nothing is stale (the finding was fixed, or the comment sits on the
// wrong line). Unknown codes are reported by their own rule; codes turned off are not stale.
function unusedIgnores(ignores: IgnoreIndex, registry: RuleRegistry, config: CheckConfig | undefined): Diagnostic[] {
  const level = effectiveLevel(UNUSED_IGNORE_CODE, registry, config);
  if (level === 'off' || !registry.has(UNUSED_IGNORE_CODE)) return [];
  const out: Diagnostic[] = [];
  for (const { node, uri } of ignores.unused()) {
    if (!registry.has(node.code) || effectiveLevel(node.code, registry, config) === 'off') continue;
    const where = node.scope === 'file' ? 'in this file' : `on line ${node.line}`;
    out.push(
      makeDiagnostic(
        UNUSED_IGNORE_CODE,
        level,
        `Nothing ${where} is reported as ${node.code}, so this ignore is stale; remove it (or move it to the line it is meant for).`,
        rangeOf(node),
        {
          uri,
          data: { code: node.code, scope: node.scope, remove: true },
        },
      ),
    );
  }
  return out;
}

// Diagnostics handed in from outside are trusted only as far as their shape is checked.
function isDiagnostic(d: unknown): d is Diagnostic {
  if (!d || typeof d !== 'object') return false;
  const { code, severity, message, range } = d as Partial<Diagnostic>;
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    (severity === 'error' || severity === 'warning' || severity === 'info' || severity === 'hint') &&
    typeof range?.start?.line === 'number' &&
    typeof range.start.column === 'number' &&
    typeof range.end?.line === 'number'
  );
}

// Two rules (or the parser and a rule) can reach the same fact by different paths; one report
// per code and place is enough.
function dedupe(sorted: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of sorted) {
    const key = `${d.uri ?? ''}|${d.code}|${d.range.start.offset}|${d.range.end.offset}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
