/**
 * The policy checker: rule registry, `checkPolicy` (pure), `runCheck` (the `check` command's
 * core), configured severities, inline ignores, and the human / JSON / SARIF formatters.
 */
export { checkPolicy } from './check-policy.js';
export type { CheckPolicyInput, CheckPolicyResult } from './check-policy.js';
export { RuleRegistry, defaultRegistry } from './rule-registry.js';
export { defineRule } from '../model/define-rule.js';
export { RULE_CATEGORIES, RULE_LEVELS } from '../model/rule-types.js';
export type { CheckRule, RuleCategory, RuleFinding, RuleLevel, RuleMeta } from '../model/rule-types.js';
export type { RuleContext, GrantScope } from '../model/rule-context.js';
export { readCheckConfig, effectiveLevel, mergeConfigs, isRuleLevel, severityRank } from './severity.js';
export type { CheckConfig, ConfigProblem } from './severity.js';
export { formatHuman } from './format/human.js';
export type { HumanFormatOptions } from './format/human.js';
export { formatJson, toJsonReport } from './format/json.js';
export type { JsonCheckReport } from './format/json.js';
export { formatSarif, toSarif, sarifLevel } from './format/sarif.js';
export type { SarifLog, SarifOptions } from './format/sarif.js';
export { sortDiagnostics, countSeverities } from '../model/sort-diagnostics.js';
export type { SeverityCounts } from '../model/sort-diagnostics.js';
export { renderRuleIndex } from './docs/rule-index.js';
