/**
 * `runCheck`: the `smart-policy check` command's core, minus argument parsing. Loads the policy
 * set from disk, reads `smart-policy.json` next to the entry file, checks, formats, and maps the
 * result to an exit code: 0 clean, 1 warnings with `strict`, 3 errors.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../language/diagnostic.js';
import { makeDiagnostic } from '../language/diagnostic.js';
import type { PolicyFile } from '../language/ast.js';
import { checkPolicy, type CheckPolicyResult } from '../check/check-policy.js';
import type { RuleRegistry } from '../check/rule-registry.js';
import { defaultRegistry } from '../check/rule-registry.js';
import type { CheckConfig } from '../check/severity.js';
import { mergeConfigs, readCheckConfig } from '../check/severity.js';
import { formatHuman } from '../check/format/human.js';
import { formatJson } from '../check/format/json.js';
import { formatSarif } from '../check/format/sarif.js';
import type { SeverityCounts } from '../model/sort-diagnostics.js';
import { loadPolicyFiles } from './load-policy-files.js';
import type { PolicySetLimits } from '../language/policy-set.js';
import { readBoundedFile } from './read-bounded.js';
import { describeJsonError } from '../io/json-syntax-error.js';

/** The file name of the checker configuration looked up next to the entry policy. */
export const CONFIG_FILE_NAME = 'smart-policy.json';

export type CheckOutputFormat = 'human' | 'json' | 'sarif';

/** Options of {@link runCheck}. */
export interface RunCheckOptions {
  readonly format?: CheckOutputFormat;
  /** Exit 1 when there are warnings (and no errors). */
  readonly strict?: boolean;
  /** Levels that win over the config file's. */
  readonly config?: CheckConfig;
  /** A config file to read instead of `smart-policy.json` next to the entry; `false`: read none. */
  readonly configPath?: string | false;
  readonly registry?: RuleRegistry;
  /** Tool version written into SARIF. */
  readonly toolVersion?: string;
  /** Paths under this directory are reported relative to it (default: the process's cwd). */
  readonly cwd?: string;
  /** Size, file-count and depth limits of the policy set (see `loadPolicySet`). */
  readonly limits?: Partial<PolicySetLimits>;
  /**
   * Loads and checks the set instead of reading it from disk here: the CLI passes its language
   * service (`createLanguageService`), so `check` and the editor share one front end.
   */
  readonly service?: PolicySetChecker;
}

/** What `runCheck` needs of a language service (structural: the service satisfies it). */
export interface PolicySetChecker {
  check(
    entryPath: string,
    options: { readonly config?: CheckConfig; readonly registry?: RuleRegistry; readonly extraDiagnostics?: readonly Diagnostic[] },
  ): CheckPolicyResult;
  linked(entryPath: string): { readonly documents: readonly { readonly uri: string }[] };
}

/** What {@link runCheck} returns; the CLI prints `output` and exits with `exitCode`. */
export interface RunCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: SeverityCounts;
  readonly exitCode: 0 | 1 | 3;
  readonly output: string;
  /** Every file of the checked policy set. */
  readonly files: readonly string[];
}

/** Loads, checks and formats a policy set. Never throws on policy content or a bad config. */
export function runCheck(entryPath: string, options: RunCheckOptions = {}): RunCheckResult {
  const registry = options.registry ?? defaultRegistry;
  const { config: fileConfig, diagnostics: configDiagnostics } = readConfigFile(entryPath, options.configPath, registry);
  const config = mergeConfigs(fileConfig, options.config);
  let result: CheckPolicyResult;
  let fileUris: readonly (string | undefined)[];
  if (options.service) {
    result = options.service.check(entryPath, { config, registry, extraDiagnostics: configDiagnostics });
    fileUris = options.service.linked(entryPath).documents.map((d) => d.uri);
  } else {
    const loaded = loadPolicyFiles(entryPath, options.limits !== undefined ? { limits: options.limits } : {});
    result = checkPolicy({ files: loaded.files, parseDiagnostics: [...loaded.diagnostics, ...configDiagnostics], config, registry });
    fileUris = loaded.files.map((f: PolicyFile) => f.uri);
  }
  const exitCode = exitCodeFor(result.counts, options.strict === true);
  const cwd = options.cwd ?? process.cwd();
  const diagnostics = result.diagnostics.map((d) => (d.uri === undefined ? d : { ...d, uri: displayPath(d.uri, cwd) }));
  const output = formatCheckOutput(diagnostics, options.format ?? 'human', {
    registry,
    config,
    toolVersion: options.toolVersion,
    defaultFile: displayPath(entryPath, cwd),
  });
  return {
    diagnostics,
    counts: result.counts,
    exitCode,
    output,
    files: fileUris.map((uri) => displayPath(uri ?? entryPath, cwd)),
  };
}

// Editors and CI annotate repository-relative paths; absolute ones outside the cwd stay absolute.
function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

/** 3 with errors; 1 with warnings under `strict`; otherwise 0 (hints and infos never fail). */
export function exitCodeFor(counts: SeverityCounts, strict: boolean): 0 | 1 | 3 {
  if (counts.error > 0) return 3;
  if (strict && counts.warning > 0) return 1;
  return 0;
}

/** Formats diagnostics in one of the three output formats. */
export function formatCheckOutput(
  diagnostics: readonly Diagnostic[],
  format: CheckOutputFormat,
  options: {
    readonly registry?: RuleRegistry;
    readonly config?: CheckConfig;
    readonly toolVersion?: string | undefined;
    readonly defaultFile?: string;
  } = {},
): string {
  switch (format) {
    case 'json':
      return formatJson(diagnostics);
    case 'sarif':
      return formatSarif(diagnostics, {
        registry: options.registry ?? defaultRegistry,
        ...(options.config ? { config: options.config } : {}),
        ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
        ...(options.defaultFile ? { defaultUri: options.defaultFile } : {}),
      });
    default:
      return formatHuman(diagnostics, options.defaultFile ? { defaultFile: options.defaultFile } : {});
  }
}

const FILE_START = { line: 1, column: 1, offset: 0 };

/**
 * Reads the checker configuration of a policy set (`smart-policy.json` next to the entry, or
 * `configPath`); problems come back as diagnostics on the config file. Never throws.
 */
export function readConfigFile(
  entryPath: string,
  configPath: string | false | undefined,
  registry: RuleRegistry,
): { config: CheckConfig; diagnostics: Diagnostic[] } {
  if (configPath === false) return { config: {}, diagnostics: [] };
  const path = configPath ?? join(dirname(entryPath), CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(path)) return { config: {}, diagnostics: [] };
  // A config file is small; it is read like any input (bounded, regular files only) and its
  // JSON errors are located, never quoted.
  const read = readBoundedFile(path, CONFIG_MAX_BYTES);
  if (!read.ok) {
    return {
      config: {},
      diagnostics: [
        configDiagnostic(path, `Cannot read ${CONFIG_FILE_NAME} (${read.message}); fix the file or remove it.`, {}, FILE_START),
      ],
    };
  }
  const text = read.text;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      config: {},
      diagnostics: [
        configDiagnostic(
          path,
          `${CONFIG_FILE_NAME} is not valid JSON (${describeJsonError(text)}); fix the file or remove it.`,
          {},
          FILE_START,
        ),
      ],
    };
  }
  const { config: read_, problems } = readCheckConfig(raw, registry);
  // The file cannot relax its own validity check: an invalid config is always an error.
  const { [INVALID_CONFIG_CODE]: _ignored, ...rules } = read_.rules ?? {};
  const config: CheckConfig = read_.rules !== undefined ? { ...read_, rules } : read_;
  return {
    config,
    diagnostics: problems.map((p) =>
      configDiagnostic(path, `${path}: ${p.message}`, p.key === undefined ? {} : { key: p.key }, keyPosition(text, p.key)),
    ),
  };
}

const INVALID_CONFIG_CODE = 'semantic.invalid-config';
const CONFIG_MAX_BYTES = 1024 * 1024;

/**
 * A config problem is an error: a config that does not say what its author meant must not
 * silently relax a CI gate (a typo'd level, an unknown code, a file that is not JSON).
 */
function configDiagnostic(
  path: string,
  message: string,
  data: Record<string, unknown>,
  at: { line: number; column: number; offset: number },
): Diagnostic {
  return makeDiagnostic(INVALID_CONFIG_CODE, 'error', message, { start: at, end: at }, { uri: path, data });
}

// Points a config problem at its key in the JSON text (first occurrence), else at the start.
function keyPosition(text: string, key: string | undefined): { line: number; column: number; offset: number } {
  const offset = key === undefined ? -1 : text.indexOf(JSON.stringify(key));
  if (offset < 0) return FILE_START;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}
