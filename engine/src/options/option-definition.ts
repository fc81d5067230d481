/**
 * The shape of one policy option in the registry: its policy keyword, its values, its default,
 * its documentation and which decisions it affects. Everything else about options (the parser's
 * vocabulary, the bundle's members and their loader check, `--option`, the docs table, the
 * TypeScript types of `AccessOptions` and `TokenOptions`) is derived from these entries.
 */

/** The decisions an option can change. */
export type DecisionKind = 'access' | 'token' | 'token-response' | 'introspection' | 'consent-screen';

/** What every option says about itself. */
interface OptionBase {
  /** The word after `option` in a policy (`option search.query_restricted refuse`). */
  readonly keyword: string;
  /** One line: what the option settles (hovers, the parser's messages, the docs table). */
  readonly doc: string;
  /** Why the default is what it is, and what each value means (the options README). */
  readonly detail: string;
  /** Where the ambiguity comes from: an IG section name, or the open question it settles. */
  readonly settles: string;
  /** The decisions the option can change (at least one). */
  readonly affects: readonly DecisionKind[];
}

/** An option with a closed list of words. */
export interface ChoiceOption<V extends string> extends OptionBase {
  readonly kind: 'choice';
  readonly values: readonly V[];
  readonly default: V;
}

/** An absolute http(s) URL, or `''` (none) by default. */
export interface UrlOption extends OptionBase {
  readonly kind: 'url';
  readonly default: '';
  /** The shape a URL must have (the parser's value check). */
  readonly pattern: RegExp;
  /** How the value is described in messages: `this server's FHIR base URL, e.g. "…"`. */
  readonly example: string;
}

/** A duration written like `1h` or `300s`, kept in seconds; at least 1 s, at most `max`. */
export interface SecondsOption extends OptionBase {
  readonly kind: 'seconds';
  readonly default: number;
  readonly max: number;
}

/** `option operation "$name" letters`, repeatable: a map from operation name to letters. */
export interface OperationsOption extends OptionBase {
  readonly kind: 'operations';
  readonly default: Readonly<Record<string, string>>;
}

/**
 * A value every bundle records but no policy sets, because the specification allows only one
 * (so it can change no decision). Listed so that bundles and docs still say it.
 */
export interface FixedOption<V extends string> {
  readonly kind: 'fixed';
  readonly value: V;
  readonly doc: string;
  readonly detail: string;
  readonly settles: string;
}

export type SettableOption = ChoiceOption<string> | UrlOption | SecondsOption | OperationsOption;
export type OptionDefinition = SettableOption | FixedOption<string>;

/** The TypeScript value type an option definition describes. */
export type OptionValue<D> =
  D extends ChoiceOption<infer V>
    ? V
    : D extends UrlOption
      ? string
      : D extends SecondsOption
        ? number
        : D extends OperationsOption
          ? Readonly<Record<string, string>>
          : D extends FixedOption<infer V>
            ? V
            : never;

/** The options object a registry describes: one member per entry, typed by its definition. */
export type OptionsOf<R> = { readonly [K in keyof R]: OptionValue<R[K]> };

/** Defines a choice option; `default` must be one of `values` (checked by the compiler). */
export function choice<const V extends string>(
  d: Omit<ChoiceOption<V>, 'kind' | 'default'> & { readonly default: NoInfer<V> },
): ChoiceOption<V> {
  return Object.freeze({ kind: 'choice', ...d });
}

export function url(d: Omit<UrlOption, 'kind' | 'default'>): UrlOption {
  return Object.freeze({ kind: 'url', default: '', ...d });
}

export function seconds(d: Omit<SecondsOption, 'kind'>): SecondsOption {
  return Object.freeze({ kind: 'seconds', ...d });
}

export function operations(d: Omit<OperationsOption, 'kind' | 'default'>): OperationsOption {
  return Object.freeze({ kind: 'operations', default: Object.freeze({}), ...d });
}

export function fixed<const V extends string>(d: Omit<FixedOption<V>, 'kind'>): FixedOption<V> {
  return Object.freeze({ kind: 'fixed', ...d });
}
