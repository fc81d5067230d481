/**
 * Defaults of the token options, from the options registry (`../options/`), where each is
 * documented. A policy header overrides them with `option` statements and the compiler writes
 * the resolved values into every bundle.
 */
export { DEFAULT_TOKEN_OPTIONS } from '../options/option-registry.js';
