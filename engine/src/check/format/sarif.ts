/**
 * SARIF 2.1.0 output (OASIS; what GitHub code scanning and most CI dashboards ingest). Every
 * registered rule is listed under `tool.driver.rules` with its README's first paragraph as help,
 * and each result points at its rule by `ruleId` and `ruleIndex`.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Diagnostic, Severity } from '../../language/diagnostic.js';
import type { RuleRegistry } from '../rule-registry.js';
import type { CheckConfig } from '../severity.js';
import { effectiveLevel } from '../severity.js';
import { sortDiagnostics } from '../../model/sort-diagnostics.js';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** The subset of the SARIF 2.1.0 log object we emit. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly results: readonly SarifResult[];
  readonly columnKind: 'utf16CodeUnits';
}

export interface SarifDriver {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
  readonly rules: readonly SarifRule[];
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: SarifLevel; readonly enabled: boolean };
  readonly properties: { readonly category: string; readonly tags: readonly string[] };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
      readonly region: {
        readonly startLine: number;
        readonly startColumn: number;
        readonly endLine: number;
        readonly endColumn: number;
      };
    };
  }[];
  readonly properties?: { readonly data: Readonly<Record<string, unknown>> };
}

/** Options for {@link toSarif}. */
export interface SarifOptions {
  readonly registry: RuleRegistry;
  /** Configured levels, so `defaultConfiguration` reflects what this run used. */
  readonly config?: CheckConfig;
  readonly toolVersion?: string;
  /** Artifact for diagnostics that carry no `uri`. */
  readonly defaultUri?: string;
}

/** Maps our four severities onto SARIF's three result levels. */
export function sarifLevel(severity: Severity | 'off'): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'off':
      return 'none';
    default:
      return 'note';
  }
}

/** Builds the SARIF log object. */
export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): SarifLog {
  const rules = options.registry.all();
  const index = new Map(rules.map((rule, i) => [rule.code, i] as const));
  const sarifRules: SarifRule[] = rules.map((rule) => {
    const level = effectiveLevel(rule.code, options.registry, options.config);
    return {
      id: rule.code,
      name: rule.name,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.summary },
      help: { text: rule.summary, markdown: `${rule.summary}\n\nSee \`engine/src/check/rules/${rule.code}/README.md\`.` },
      defaultConfiguration: { level: sarifLevel(level), enabled: level !== 'off' },
      properties: { category: rule.category, tags: [rule.category] },
    };
  });
  const results: SarifResult[] = sortDiagnostics(diagnostics).map((d) => {
    const ruleIndex = index.get(d.code);
    const uri = artifactUri(d.uri ?? options.defaultUri ?? 'policy.smartpolicy');
    return {
      ruleId: d.code,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: sarifLevel(d.severity),
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: uri,
            region: {
              startLine: Math.max(1, d.range.start.line),
              startColumn: Math.max(1, d.range.start.column),
              endLine: Math.max(1, d.range.end.line),
              endColumn: Math.max(1, d.range.end.column),
            },
          },
        },
      ],
      ...(d.data === undefined ? {} : { properties: { data: d.data } }),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'smart-policy',
            version: options.toolVersion ?? '0.1.0',
            informationUri: 'https://hl7.org/fhir/smart-app-launch/',
            rules: sarifRules,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Pretty-printed SARIF with a trailing newline. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(diagnostics, options), null, 2)}\n`;
}

// Absolute paths become file: URLs; relative ones stay relative to the source root, which is
// how code-scanning tools expect repository files to be named.
function artifactUri(path: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return { uri: path };
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('\\').join('/'), uriBaseId: '%SRCROOT%' };
}
