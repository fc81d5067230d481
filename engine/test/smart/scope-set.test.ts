import { describe, expect, it } from 'vitest';
import { ScopeSet, ScopeSyntaxError, covers } from '../../src/smart/scope-set.js';
import { R4_RESOURCE_TYPES } from '../../src/fhir/resource-types.js';

const set = (text: string) => ScopeSet.of(text);
const strings = (s: ScopeSet) => s.toStrings();

describe('covers', () => {
  it.each([
    ['patient/Observation.rs', 'patient/Observation.r', true],
    ['patient/Observation.r', 'patient/Observation.rs', false],
    ['patient/*.rs', 'patient/Observation.rs', true],
    ['patient/Observation.rs', 'patient/*.rs', false],
    ['user/*.cruds', 'patient/Observation.r', false],
    ['patient/*.cruds', 'user/Observation.r', false],
    ['patient/Observation.c', 'patient/Observation.r', false],
    ['patient/Observation.s', 'patient/Observation.r', false],
    ['patient/Observation.r patient/Observation.s', 'patient/Observation.rs', true],
    ['user/Appointment.read user/Appointment.write', 'user/Appointment.cruds', true],
    ['patient/*.read', 'patient/*.rs', true],
    ['patient/Observation.rs', 'patient/Observation.r?category=laboratory', true],
    ['patient/Observation.r?category=laboratory', 'patient/Observation.r', false],
    ['patient/Observation.r?category=laboratory', 'patient/Observation.r?category=laboratory&status=final', true],
    ['patient/Observation.r?category=laboratory&status=final', 'patient/Observation.r?category=laboratory', false],
    ['patient/Observation.r?status=final&category=laboratory', 'patient/Observation.r?category=laboratory&status=final', true],
    ['patient/Observation.r?category=laboratory,vital-signs', 'patient/Observation.r?category=laboratory', true],
    ['patient/Observation.r?category=laboratory', 'patient/Observation.r?category=laboratory,vital-signs', false],
    [
      'patient/Observation.r?category=laboratory patient/Observation.r?category=vital-signs',
      'patient/Observation.r?category=vital-signs,laboratory',
      true,
    ],
    ['patient/Observation.r?code=a', 'patient/Observation.r?code:in=a', false],
    ['patient/*.r?_tag=x', 'patient/Observation.r?_tag=x', true],
    ['patient/Observation.r?_tag=x', 'patient/*.r?_tag=x', false],
    ['openid fhirUser', 'openid', true],
    ['openid', 'fhirUser', false],
    ['launch/patient', 'launch/patient?role=x', false],
    ['system/DynamicClient.register', 'system/DynamicClient.register', true],
    ['system/*.cruds', 'system/DynamicClient.register', false],
  ])('%s ⊇ %s: %s', (a, b, expected) => expect(set(a).covers(set(b))).toBe(expected));

  it('every R4 type listed does not cover * (future types)', () => {
    const all = ScopeSet.of(...R4_RESOURCE_TYPES.map((t) => `patient/${t}.r`));
    expect(all.covers(set('patient/Observation.r'))).toBe(true);
    expect(all.covers(set('patient/*.r'))).toBe(false);
  });
  it('the free function fails closed on invalid text', () => {
    expect(covers('patient/*.rs', 'patient/Observation.rs')).toBe(true);
    expect(covers('patient/*.rs', 'patient/Observation.sr')).toBe(false);
    expect(covers('patient/*.sr patient/Observation.r', 'patient/Observation.r')).toBe(true);
    expect(covers('patient/*.sr', 'patient/Observation.r')).toBe(false);
  });
  it('the empty set is covered by everything', () => {
    expect(ScopeSet.EMPTY.covers(ScopeSet.EMPTY)).toBe(true);
    expect(set('openid').covers(ScopeSet.EMPTY)).toBe(true);
    expect(ScopeSet.EMPTY.covers(set('openid'))).toBe(false);
  });
});

describe('intersection', () => {
  it.each([
    ['patient/Observation.rs', 'patient/Observation.r?category=X', ['patient/Observation.r?category=X']],
    ['patient/*.rs', 'patient/Observation.cruds', ['patient/Observation.rs']],
    ['patient/*.rs', 'user/Observation.rs', []],
    ['patient/Observation.r?category=a', 'patient/Observation.r?status=final', ['patient/Observation.r?category=a&status=final']],
    ['patient/Observation.r?category=a,b', 'patient/Observation.r?category=b,c', ['patient/Observation.r?category=a,b&category=b,c']],
    ['patient/*.r?_tag=x', 'patient/Encounter.rs', ['patient/Encounter.r?_tag=x']],
    ['openid launch/patient patient/*.rs', 'openid offline_access patient/Patient.r', ['openid', 'patient/Patient.r']],
  ])('%s ∩ %s', (a, b, expected) => expect(strings(set(a).intersection(set(b)))).toEqual(expected));
});

describe('union and minimal', () => {
  it('merges letters into the factored form (rule 15)', () =>
    expect(strings(set('patient/Observation.r patient/Observation.s'))).toEqual(['patient/Observation.rs']));
  it('collapses redundant scopes', () => {
    expect(strings(set('patient/*.rs patient/Observation.r patient/Observation.c'))).toEqual(['patient/*.rs', 'patient/Observation.c']);
    expect(strings(set('patient/Observation.rs patient/Observation.r?category=laboratory'))).toEqual(['patient/Observation.rs']);
  });
  it('prefers one broad query scope over the narrow ones it covers', () =>
    expect(strings(set('patient/Observation.r?category=a patient/Observation.r?category=b patient/Observation.r?category=a,b'))).toEqual([
      'patient/Observation.r?category=a,b',
    ]));
  it('normalises query pair order and comma order', () => {
    expect(strings(set('patient/Observation.r?status=final&category=b,a'))).toEqual(['patient/Observation.r?category=a,b&status=final']);
    expect(set('patient/Observation.r?status=final&category=b,a').equivalent(set('patient/Observation.r?category=a,b&status=final'))).toBe(
      true,
    );
  });
  it('drops conjuncts implied by narrower ones', () =>
    expect(strings(set('patient/Observation.r?category=a&category=a,b'))).toEqual(['patient/Observation.r?category=a']));
  it('sorts canonically: launch, context, identity, refresh, resources, registration, extensions', () =>
    expect(
      strings(
        set(
          '__x user/Observation.r system/DynamicClient.register patient/Patient.r patient/*.s offline_access openid launch/patient launch',
        ),
      ),
    ).toEqual([
      'launch',
      'launch/patient',
      'openid',
      'offline_access',
      'patient/*.s',
      'patient/Patient.r',
      'user/Observation.r',
      'system/DynamicClient.register',
      '__x',
    ]));
  it('writes v1 words when asked and v1 can say it', () => {
    expect(set('user/Appointment.read user/Appointment.write patient/Observation.r').toStrings({ syntax: 'v1' })).toEqual([
      'patient/Observation.r',
      'user/Appointment.*',
    ]);
    expect(set('patient/*.rs').toStrings({ syntax: 'v1' })).toEqual(['patient/*.read']);
  });
  it('union is the set union', () =>
    expect(strings(set('patient/Observation.r').union(set('patient/Observation.s openid')))).toEqual(['openid', 'patient/Observation.rs']));
  it('isEmpty', () => {
    expect(ScopeSet.EMPTY.isEmpty).toBe(true);
    expect(ScopeSet.of('').isEmpty).toBe(true);
    expect(set('openid').isEmpty).toBe(false);
  });
});

describe('difference', () => {
  it('removes covered grants', () =>
    expect(strings(set('patient/Observation.rs').difference(set('patient/Observation.s')))).toEqual(['patient/Observation.r']));
  it('removes a grant only partly denied by a query scope (the complement is not expressible)', () =>
    expect(strings(set('patient/Observation.rs').difference(set('patient/Observation.r?category=x')))).toEqual(['patient/Observation.s']));
  it("splits * into today's R4 types when a specific type is removed", () => {
    const result = set('patient/*.rs').difference(set('patient/Observation.cruds'));
    const out = strings(result);
    expect(out).toHaveLength(R4_RESOURCE_TYPES.length - 1);
    expect(out).not.toContain('patient/Observation.rs');
    expect(out).toContain('patient/Patient.rs');
    expect(result.covers(set('patient/*.rs'))).toBe(false);
  });
  it('keeps grants on other levels and letters', () =>
    expect(strings(set('patient/*.rs user/Observation.r').difference(set('patient/*.s')))).toEqual(['patient/*.r', 'user/Observation.r']));
  it('removes non-resource scopes by identity', () =>
    expect(strings(set('openid fhirUser offline_access').difference(set('offline_access')))).toEqual(['openid', 'fhirUser']));
  it('requested ∩ allowed − denied', () => {
    const requested = set('launch/patient openid fhirUser patient/*.cruds offline_access');
    const allowed = set('launch/patient openid fhirUser patient/*.rs patient/*.cud');
    const denied = set('patient/*.cud');
    expect(strings(requested.intersection(allowed).difference(denied))).toEqual(['launch/patient', 'openid', 'fhirUser', 'patient/*.rs']);
  });
});

describe('construction', () => {
  it('ScopeSet.of throws ScopeSyntaxError on invalid text', () =>
    expect(() => ScopeSet.of('patient/Observation.sr')).toThrow(ScopeSyntaxError));
  it('fromParameter never throws and reports errors', () => {
    const { set: parsed, errors } = ScopeSet.fromParameter('openid patient/Observation.sr  launch');
    expect(parsed.toStrings()).toEqual(['launch', 'openid']);
    expect(errors.map((e) => e.code)).toEqual(['scope.permissions.order', 'scope.list.double-space']);
  });
});

describe('query value semantics', () => {
  it('compares :not and _filter values only as whole strings', () => {
    expect(set('patient/Observation.r?category:not=a,b').covers(set('patient/Observation.r?category:not=a'))).toBe(false);
    expect(set('patient/Observation.r?category:not=a').covers(set('patient/Observation.r?category:not=a,b'))).toBe(false);
    expect(set('patient/Observation.r?category:not=a,b').covers(set('patient/Observation.r?category:not=a,b'))).toBe(true);
    expect(set('patient/Observation.r?_filter=a').covers(set('patient/Observation.r?_filter=a'))).toBe(true);
  });
  it('does not decode percent-encoding (conservative)', () =>
    expect(set('patient/Observation.r?code=a|b').covers(set('patient/Observation.r?code=a%7Cb'))).toBe(false));
  it('gives up (answers not covered) beyond the combination limit instead of exploding', () => {
    const values = Array.from({ length: 20 }, (_, i) => `v${i}`).join(',');
    const target = set(`patient/Observation.r?a=${values}&b=${values}&c=${values}`);
    const pieces = set(Array.from({ length: 20 }, (_, i) => `patient/Observation.r?a=v${i}`).join(' '));
    expect(pieces.covers(target)).toBe(false);
    // Under the limit the same kind of union is recognised.
    expect(pieces.covers(set(`patient/Observation.r?a=${values}`))).toBe(true);
  });
});

describe('hostile input', () => {
  it('handles thousands of scopes (bucketed, not all-pairs)', () => {
    const types = R4_RESOURCE_TYPES.slice(0, 100);
    const many = Array.from({ length: 5_000 }, (_, i) => `patient/${types[i % 100] as string}.rs?_tag=t${i}`).join(' ');
    const requested = set(many);
    const allowed = set('patient/*.r user/*.cruds');
    const granted = requested.intersection(allowed);
    expect(granted.toStrings()).toHaveLength(5_000);
    expect(allowed.covers(granted)).toBe(true);
    expect(requested.difference(set('patient/Observation.cruds')).toStrings()).toHaveLength(4_950);
  });

  it('builds and compares sets from a 1 MB scope parameter in bounded work', () => {
    const pairs = Array.from({ length: 40_000 }, (_, i) => `code=${i % 2 === 0 ? `a${i}` : `a${i},b${i}`}`).join('&');
    const distinct = Array.from({ length: 40_000 }, (_, i) => `p${i}=x`).join('&');
    const { set: huge, errors } = ScopeSet.fromParameter(`patient/Observation.rs?${pairs} patient/Observation.r?${distinct}`);
    expect(errors).toEqual([]);
    expect(huge.covers(huge)).toBe(true); // identical grants, found by key
    const other = set(`patient/Observation.r?${distinct}&extra=1`);
    expect(huge.covers(other)).toBe(false); // beyond the comparison budget: the safe answer
    expect(set('patient/Observation.rs').covers(huge)).toBe(true);
    expect(huge.intersection(set('patient/Observation.r')).isEmpty).toBe(false);
    expect(huge.difference(set('patient/Observation.s')).toStrings()).toHaveLength(2);
  });
});
