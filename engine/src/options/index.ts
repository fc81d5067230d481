/** Public API of the options registry. */
export {
  ACCESS_OPTION_REGISTRY,
  TOKEN_OPTION_REGISTRY,
  ALL_OPTIONS,
  SETTABLE_OPTIONS,
  DEFAULT_ACCESS_OPTIONS,
  DEFAULT_TOKEN_OPTIONS,
  SERVER_BASE_PATTERN,
  optionByKeyword,
  optionByMember,
  defaultValueOf,
} from './option-registry.js';
export type { AccessOptions, TokenOptions, OptionGroup, RegisteredOption, SettableRegisteredOption } from './option-registry.js';
export type {
  DecisionKind,
  OptionDefinition,
  SettableOption,
  ChoiceOption,
  UrlOption,
  SecondsOption,
  OperationsOption,
  FixedOption,
} from './option-definition.js';
export { resolveWrittenOptions, valueSlots, slotAccepts, durationSeconds } from './option-values.js';
export type { OptionValueSlot, WrittenOption, ResolvedOptions } from './option-values.js';
export { optionsTable, optionsDetails } from './options-table.js';
