/**
 * The arguments each sentence frame receives, with their types. A frame may name only these:
 * any other name (`{constructor}`, `{toString}`) would read a property the renderer never set,
 * and a `plural` over a word renders "NaN". The checker (`semantic.phrasebook-message-argument`)
 * and the renderer (which drops such policy frames) both read this table.
 *
 * - `text`: a word or phrase, shown as it is (`{noun}`); no `select`, `plural` or formatter.
 * - `choice`: one of the listed keywords, for `select` (`{gender, select, feminine {…} other {…}}`).
 * - `number`: a count, for `plural`/`selectordinal` and `{n, number}`.
 */
import type { MessageKey } from './phrasebook-types.js';

export type MessageArgType =
  | { readonly kind: 'text' }
  | { readonly kind: 'number' }
  | { readonly kind: 'choice'; readonly values: readonly string[] };

export type MessageArgSpec = Readonly<Record<string, MessageArgType>>;

const text: MessageArgType = { kind: 'text' };
const number: MessageArgType = { kind: 'number' };
function choice(...values: string[]): MessageArgType {
  return { kind: 'choice', values };
}

const yesNo = choice('yes', 'no');
const audience = choice('patient', 'caregiver', 'clinician');
const whose = choice('self', 'chosen', 'userSelf', 'userPatients', 'system', 'systemShared');
const gender = choice('masculine', 'feminine');
const grammaticalNumber = choice('singular', 'plural');

/** Frames about the app rather than data are told who reads them. */
const AUDIENCE_ONLY: MessageArgSpec = { audience };

/** Every frame key → the arguments the renderer passes to it. */
export const MESSAGE_ARGS: Readonly<Record<MessageKey, MessageArgSpec>> = {
  verb: { letter: choice('r', 's', 'c', 'u', 'd') },
  listPair: { a: text, b: text, bStartsWithI: yesNo },
  listMiddle: { a: text, b: text },
  nounItem: { whose, noun: text, gender, number: grammaticalNumber },
  data: { whose, quant: choice('all', 'some', 'plain'), nouns: text, gender, number: grammaticalNumber },
  resourceShort: { verbs: text, data: text, system: yesNo, audience },
  resourceLong: {
    verbs: text,
    data: text,
    system: yesNo,
    write: yesNo,
    adds: yesNo,
    deletes: yesNo,
    searchOnly: yesNo,
    whose,
    audience,
  },
  includes: { text },
  includesOnly: { text },
  wildcardNote: AUDIENCE_ONLY,
  filterNote: AUDIENCE_ONLY,
  unknownTypeNoun: { words: text },
  launchShort: AUDIENCE_ONLY,
  launchLong: AUDIENCE_ONLY,
  launchPatientShort: AUDIENCE_ONLY,
  launchPatientLong: AUDIENCE_ONLY,
  launchEncounterShort: AUDIENCE_ONLY,
  launchEncounterLong: AUDIENCE_ONLY,
  launchOtherShort: { noun: text, gender, number: grammaticalNumber, audience, role: yesNo },
  launchOtherLong: { noun: text, gender, number: grammaticalNumber, audience, role: yesNo },
  openidShort: AUDIENCE_ONLY,
  openidLong: AUDIENCE_ONLY,
  fhirUserShort: AUDIENCE_ONLY,
  fhirUserLong: AUDIENCE_ONLY,
  profileShort: AUDIENCE_ONLY,
  profileLong: AUDIENCE_ONLY,
  offlineShort: { hasLifetime: yesNo, lifetime: text, hasIdle: yesNo, idle: text, withOnline: yesNo, audience },
  offlineLong: { hasLifetime: yesNo, lifetime: text, hasIdle: yesNo, idle: text, withOnline: yesNo, audience },
  onlineShort: AUDIENCE_ONLY,
  onlineLong: AUDIENCE_ONLY,
  registrationShort: AUDIENCE_ONLY,
  registrationLong: AUDIENCE_ONLY,
  extensionShort: { name: text, audience },
  extensionLong: { name: text, audience },
  invalidShort: { scope: text, audience },
  invalidLong: { scope: text, audience },
  duration: { unit: choice('year', 'month', 'week', 'day', 'hour', 'minute', 'second'), n: number },
};

/** The declared arguments of a frame key; none for a key the renderer does not have. */
export function messageArgs(key: string): MessageArgSpec {
  return Object.hasOwn(MESSAGE_ARGS, key) ? (MESSAGE_ARGS[key as MessageKey] ?? {}) : {};
}
