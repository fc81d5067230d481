/**
 * The registry of every built-in checker rule: one entry per diagnostic code. Docs, configured
 * severities, ignore comments and SARIF `rules` are all driven from it, so a code that is not
 * registered cannot be configured or documented by accident.
 */
import { RuleRegistry } from '../model/rule-registry.js';
import { ALL_RULES } from './rules/index.js';

export { RuleRegistry };

/** The registry of every built-in rule. */
export const defaultRegistry: RuleRegistry = new RuleRegistry(ALL_RULES);
