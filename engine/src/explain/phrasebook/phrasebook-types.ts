/**
 * The shape of a built-in phrasebook: ICU MessageFormat 1 sentence frames for one language,
 * plain nouns for resource types, and qualifier nouns for common query values. Nouns carry
 * grammatical gender and number so that frames can agree articles and adjectives.
 */
import type { CatalogGender, CatalogNumber } from '../explanation-catalog.js';

/** A plain noun phrase (no possessive, no article) and what it includes. */
export interface Noun {
  /** Short noun phrase: "lab results". */
  readonly short: string;
  /** What the data includes, as a noun phrase that completes "This includes …". */
  readonly long: string;
  readonly gender?: CatalogGender;
  readonly number?: CatalogNumber;
}

/** Every sentence frame a language must provide; values are ICU MessageFormat 1 strings. */
export interface MessageSet {
  /** One permission word; arg `letter` ∈ r s c u d. */
  readonly verb: string;
  /** Two list items: args `a`, `b`, `bStartsWithI` (yes/no, for Spanish "e"). */
  readonly listPair: string;
  /** Joins all but the last item: args `a`, `b`. */
  readonly listMiddle: string;
  /** One noun inside a data phrase: args `whose`, `noun`, `gender`, `number`. */
  readonly nounItem: string;
  /** Whose data: args `whose` (self/chosen/userSelf/userPatients/systemShared/system), `quant` (all/some/plain), `nouns`, `gender`, `number`. */
  readonly data: string;
  /** args `verbs`, `data`, `system` (yes/no). */
  readonly resourceShort: string;
  /** args `verbs`, `data`, `system`, `write` (yes/no), `whose`, `audience`. */
  readonly resourceLong: string;
  /** arg `text`. */
  readonly includes: string;
  /** arg `text`. */
  readonly includesOnly: string;
  readonly wildcardNote: string;
  readonly filterNote: string;
  /** arg `words`: a type with no plain noun. */
  readonly unknownTypeNoun: string;
  readonly launchShort: string;
  readonly launchLong: string;
  readonly launchPatientShort: string;
  readonly launchPatientLong: string;
  readonly launchEncounterShort: string;
  readonly launchEncounterLong: string;
  /** args `noun`, `gender`, `number`, `audience`. */
  readonly launchOtherShort: string;
  /** args `noun`, `gender`, `number`, `audience`, `role` (yes/no). */
  readonly launchOtherLong: string;
  readonly openidShort: string;
  readonly openidLong: string;
  readonly fhirUserShort: string;
  readonly fhirUserLong: string;
  readonly profileShort: string;
  readonly profileLong: string;
  /** args `hasLifetime`, `lifetime`, `audience`. */
  readonly offlineShort: string;
  /** args `hasLifetime`, `lifetime`, `hasIdle`, `idle`, `audience`. */
  readonly offlineLong: string;
  readonly onlineShort: string;
  readonly onlineLong: string;
  readonly registrationShort: string;
  readonly registrationLong: string;
  /** arg `name`. */
  readonly extensionShort: string;
  readonly extensionLong: string;
  /** arg `scope`. */
  readonly invalidShort: string;
  readonly invalidLong: string;
  /** args `unit` (year/month/week/day/hour/minute/second), `n`. */
  readonly duration: string;
}

export type MessageKey = keyof MessageSet;

/** A built-in language: frames, type nouns, qualifier nouns and its jargon list. */
export interface Phrasebook {
  /** BCP 47 language subtag: `en`, `es`. */
  readonly locale: string;
  readonly messages: MessageSet;
  /** The noun of `*` ("health information"), used with "all". */
  readonly wildcard: Noun;
  /** Resource type → noun. */
  readonly types: Readonly<Record<string, Noun>>;
  /** Qualifier key (see `qualifier-keys.ts`) → noun that replaces the type's noun. */
  readonly qualifiers: Readonly<Record<string, Noun>>;
  /** Clinical and technical words patients often do not know, lower case; for the jargon lint. */
  readonly jargon: readonly string[];
  /** Leading possessives an author may write before a noun ("your", "sus"); dropped when rendering. */
  readonly possessives: readonly string[];
}
