/**
 * The options registry is the one source: every settable option parses with each of its values,
 * compiles into its bundle member, loads, and (for access options) is accepted by `--option`;
 * values outside its list are refused by the parser and by the bundle loader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptionFlags } from '../../src/cli/commands/access-option-flags.js';
import { computeBundleHash, loadBundle } from '../../src/compile/index.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import { POLICY_OPTIONS } from '../../src/language/vocabulary.js';
import {
  ALL_OPTIONS,
  DEFAULT_ACCESS_OPTIONS,
  DEFAULT_TOKEN_OPTIONS,
  SETTABLE_OPTIONS,
  optionByKeyword,
  type SettableRegisteredOption,
} from '../../src/options/index.js';
import { bundleWithOptions, compileWithOptions } from './option-policy.js';

/** Every value an option accepts as a policy writes it, with the member value it compiles to. */
function writtenValues(o: SettableRegisteredOption): { written: string; value: unknown }[] {
  const d = o.definition;
  switch (d.kind) {
    case 'choice':
      return d.values.map((v) => ({ written: v, value: v }));
    case 'url':
      return [{ written: '"https://ehr.example.org/fhir"', value: 'https://ehr.example.org/fhir' }];
    case 'seconds':
      return [
        { written: '1s', value: 1 },
        { written: `${d.max}s`, value: d.max },
        { written: '2m', value: 120 },
      ];
    case 'operations':
      return [{ written: '"$everything" rs', value: { $everything: 'rs' } }];
  }
}

const DEFAULT_BUNDLE = bundleWithOptions('');

function withOption(bundle: PolicyBundle, group: 'access' | 'token', member: string, value: unknown): unknown {
  const options = { ...bundle.policy.options, [group]: { ...bundle.policy.options[group], [member]: value } };
  const changed = { ...bundle, policy: { ...bundle.policy, options } };
  return { ...changed, hash: computeBundleHash(changed as PolicyBundle) };
}

describe('the options registry', () => {
  it('gives every settable option its own keyword and every member one entry per group', () => {
    const keywords = SETTABLE_OPTIONS.map((o) => o.definition.keyword);
    expect(new Set(keywords).size).toBe(keywords.length);
    const members = ALL_OPTIONS.map((o) => `${o.group}.${o.member}`);
    expect(new Set(members).size).toBe(members.length);
    for (const o of SETTABLE_OPTIONS) expect(o.definition.affects.length, o.member).toBeGreaterThan(0);
  });

  it('is the parser vocabulary: the same keywords in the same order', () => {
    expect(POLICY_OPTIONS.map((o) => o.name)).toEqual(SETTABLE_OPTIONS.map((o) => o.definition.keyword));
  });

  it('looks keywords up as own entries only', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) expect(optionByKeyword(name)).toBeUndefined();
  });

  it('compiles a policy without options to the registry defaults', () => {
    expect(DEFAULT_BUNDLE.policy.options.access).toEqual(DEFAULT_ACCESS_OPTIONS);
    expect(DEFAULT_BUNDLE.policy.options.token).toEqual(DEFAULT_TOKEN_OPTIONS);
  });

  for (const o of SETTABLE_OPTIONS) {
    it(`sets ${o.definition.keyword} from a policy, for every value, into ${o.group}.${o.member}`, () => {
      for (const { written, value } of writtenValues(o)) {
        const { bundle, diagnostics } = compileWithOptions(`  option ${o.definition.keyword} ${written}`);
        expect(diagnostics, written).toEqual([]);
        const options = bundle?.policy.options[o.group] as unknown as Record<string, unknown>;
        expect(options[o.member], written).toEqual(value);
        expect(loadBundle(JSON.parse(JSON.stringify(bundle)) as unknown), written).toMatchObject({ ok: true });
      }
    });
  }

  it("refuses, in the parser, any word outside a choice option's list (and leaves the default in the bundle)", () => {
    const choices = SETTABLE_OPTIONS.filter((o) => o.definition.kind === 'choice');
    fc.assert(
      fc.property(fc.constantFrom(...choices), fc.stringMatching(/^[a-z][a-z_-]{0,12}$/), (o, word) => {
        if (o.definition.kind !== 'choice' || o.definition.values.includes(word)) return;
        const { diagnostics } = compileWithOptions(`  option ${o.definition.keyword} ${word}`);
        expect(diagnostics.map((d) => d.code)).toContain('syntax.option.value');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses durations outside 1s..max for duration options', () => {
    for (const o of SETTABLE_OPTIONS) {
      if (o.definition.kind !== 'seconds') continue;
      for (const bad of ['0s', `${o.definition.max + 1}s`, '2d']) {
        const { diagnostics } = compileWithOptions(`  option ${o.definition.keyword} ${bad}`);
        expect(
          diagnostics.map((d) => d.code),
          bad,
        ).toContain('syntax.option.value');
      }
    }
  });

  it('makes the bundle loader refuse a value of the wrong kind for every option, naming its member', () => {
    for (const o of ALL_OPTIONS) {
      const bad =
        o.definition.kind === 'operations' ? { $everything: 3 } : o.definition.kind === 'seconds' ? o.definition.max + 1 : 'not-a-value';
      const r = loadBundle(withOption(DEFAULT_BUNDLE, o.group, o.member, bad));
      expect(r.ok, o.member).toBe(false);
      if (!r.ok) expect(r.errors[0]?.path, o.member).toMatch(new RegExp(`^\\$\\.policy\\.options\\.${o.group}\\.${o.member}\\b`));
      const missing = loadBundle(withOption(DEFAULT_BUNDLE, o.group, o.member, undefined));
      expect(missing.ok, `${o.member} missing`).toBe(false);
    }
  });

  it('lets --option set every access option, by member name or policy keyword', () => {
    for (const o of ALL_OPTIONS) {
      if (o.group !== 'access') continue;
      expect(Object.keys(parseOptionFlags([`${o.member}=x`]))).toEqual([o.member]);
      if (o.definition.kind === 'choice' || o.definition.kind === 'url') {
        expect(parseOptionFlags([`${o.definition.keyword}=x`])).toEqual({ [o.member]: 'x' });
      }
    }
    expect(() => parseOptionFlags(['toString=x'])).toThrow(/names no access option/);
  });
});
