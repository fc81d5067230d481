/**
 * Every built-in rule. Adding a rule = one folder `rules/<category>.<name>/` with `rule.ts` and
 * `README.md`, plus one line here (the registry test checks folder, README and list agree).
 */
import type { CheckRule } from '../../model/rule-types.js';
import { SYNTAX_RULES } from './syntax/rule.js';
import { invalidScope } from './semantic.invalid-scope/rule.js';
import { unknownResourceType } from './semantic.unknown-resource-type/rule.js';
import { unknownSearchParameter } from './semantic.unknown-search-parameter/rule.js';
import { searchValueShape } from './semantic.search-value-shape/rule.js';
import { experimentalScopeQuery } from './semantic.experimental-scope-query/rule.js';
import { unsupportedFhirVersion } from './semantic.unsupported-fhir-version/rule.js';
import { unknownAppClass } from './semantic.unknown-app-class/rule.js';
import { unknownLocale } from './semantic.unknown-locale/rule.js';
import { unknownContextField } from './semantic.unknown-context-field/rule.js';
import { unknownAlgorithm } from './semantic.unknown-algorithm/rule.js';
import { duplicateAppClass } from './semantic.duplicate-app-class/rule.js';
import { duplicateGrant } from './semantic.duplicate-grant/rule.js';
import { duplicateExplain } from './semantic.duplicate-explain/rule.js';
import { duplicateTest } from './semantic.duplicate-test/rule.js';
import { allowDenied } from './semantic.allow-denied/rule.js';
import { unreachableGrant } from './semantic.unreachable-grant/rule.js';
import { localeNotCovered } from './semantic.locale-not-covered/rule.js';
import { phrasebookUnknownMessage } from './semantic.phrasebook-unknown-message/rule.js';
import { phrasebookInvalidMessage } from './semantic.phrasebook-invalid-message/rule.js';
import { phrasebookMessageArgument } from './semantic.phrasebook-message-argument/rule.js';
import { phrasebookUndeclaredLocale } from './semantic.phrasebook-undeclared-locale/rule.js';
import { phrasebookIncomplete } from './semantic.phrasebook-incomplete/rule.js';
import { phrasebookDuplicateMessage } from './semantic.phrasebook-duplicate-message/rule.js';
import { unknownIgnoreCode } from './semantic.unknown-ignore-code/rule.js';
import { ruleFailed } from './semantic.rule-failed/rule.js';
import { unusedIgnore } from './semantic.unused-ignore/rule.js';
import { unknownTestValue } from './semantic.unknown-test-value/rule.js';
import { duplicateBlock } from './semantic.duplicate-block/rule.js';
import { missingPolicyHeader } from './semantic.missing-policy-header/rule.js';
import { invalidConfig } from './semantic.invalid-config/rule.js';
import { offlineAccessUnbound } from './security.offline-access-unbound/rule.js';
import { refreshWithoutRotation } from './security.refresh-without-rotation/rule.js';
import { writeWithoutRead } from './security.write-without-read/rule.js';
import { wildcardPatientFacing } from './security.wildcard-patient-facing/rule.js';
import { systemWildcardWrite } from './security.system-wildcard-write/rule.js';
import { patientScopeWithoutContext } from './security.patient-scope-without-context/rule.js';
import { preferV2Scope } from './style.prefer-v2-scope/rule.js';
import { denyWithoutReason } from './style.deny-without-reason/rule.js';
import { consentJargon } from './consent.jargon/rule.js';
import { consentMissingTranslation } from './consent.missing-translation/rule.js';
import { consentUntranslated } from './consent.untranslated/rule.js';
import { consentShortTooLong } from './consent.short-too-long/rule.js';
import { consentLongTooManySentences } from './consent.long-too-many-sentences/rule.js';
import { consentReadingLevel } from './consent.reading-level/rule.js';
import { consentQueryUnexplained } from './consent.query-unexplained/rule.js';
import { consentWrongReader } from './consent.wrong-reader/rule.js';
import { consentDurationMismatch } from './consent.duration-mismatch/rule.js';
import { consentUnreachableScope } from './consent.unreachable-scope/rule.js';
import { consentOfflineWithOnline } from './consent.offline-with-online/rule.js';

/** The built-in rules, in no particular order (the registry sorts by code). */
export const ALL_RULES: readonly CheckRule[] = [
  ...SYNTAX_RULES,
  invalidScope,
  unknownResourceType,
  unknownSearchParameter,
  searchValueShape,
  experimentalScopeQuery,
  unsupportedFhirVersion,
  unknownAppClass,
  unknownLocale,
  unknownContextField,
  unknownAlgorithm,
  duplicateAppClass,
  duplicateGrant,
  duplicateExplain,
  duplicateTest,
  allowDenied,
  unreachableGrant,
  localeNotCovered,
  phrasebookUnknownMessage,
  phrasebookInvalidMessage,
  phrasebookMessageArgument,
  phrasebookUndeclaredLocale,
  phrasebookIncomplete,
  phrasebookDuplicateMessage,
  unknownIgnoreCode,
  ruleFailed,
  unusedIgnore,
  unknownTestValue,
  duplicateBlock,
  missingPolicyHeader,
  invalidConfig,
  offlineAccessUnbound,
  refreshWithoutRotation,
  writeWithoutRead,
  wildcardPatientFacing,
  systemWildcardWrite,
  patientScopeWithoutContext,
  preferV2Scope,
  denyWithoutReason,
  consentJargon,
  consentMissingTranslation,
  consentUntranslated,
  consentShortTooLong,
  consentLongTooManySentences,
  consentReadingLevel,
  consentQueryUnexplained,
  consentWrongReader,
  consentDurationMismatch,
  consentUnreachableScope,
  consentOfflineWithOnline,
];
