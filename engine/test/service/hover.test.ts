/** Hover from the language service, cursor marked with `<|>`. */
import { describe, expect, it } from 'vitest';
import { POLICY, serviceAt } from './cursor.js';

const at = (needle: string, shift: number, policy = POLICY) => {
  const i = policy.indexOf(needle) + shift;
  return `${policy.slice(0, i)}<|>${policy.slice(i)}`;
};

describe('hover', () => {
  it('on a scope: v2 form, letters, level, both locales, the grants that allow and deny it', () => {
    const { service, uri, offset } = serviceAt(at('patient/Observation.rs', 10));
    const md = service.hover(uri, offset)?.markdown ?? '';
    expect(md).toContain('**patient/Observation.rs**');
    expect(md).toContain('`r` read a resource by id');
    expect(md).toContain('`s` search');
    expect(md).toContain('Level **patient**');
    expect(md).toContain('*en*: See and search your lab results');
    expect(md).toContain('> The app can see and search your lab results.');
    expect(md).toContain('*es*: Ver y buscar sus resultados');
    expect(md).toContain('`grant portal`: allow as labs patient/Observation.rs');
    expect(md).not.toContain('deny');
  });

  it('on a denied scope: the deny rule and its reason', () => {
    const { service, uri, offset } = serviceAt(at('patient/*.cud', 4));
    expect(service.hover(uri, offset)?.markdown).toContain('`grant portal`: deny patient/*.cud — "read only"');
  });

  it('on a v1 scope: its canonical v2 form', () => {
    const { service, uri, offset } = serviceAt(
      at('patient/Observation.rs', 0).replace('patient/Observation.rs', 'patient/Observation.read'),
    );
    expect(service.hover(uri, offset)?.markdown).toContain('**patient/Observation.rs** (written in v1 syntax)');
  });

  it('on a query-restricted scope: the restriction', () => {
    const text = at('patient/Observation.rs', 3, POLICY.replace('patient/Observation.rs', 'patient/Observation.rs?category=laboratory'));
    const { service, uri, offset } = serviceAt(text);
    expect(service.hover(uri, offset)?.markdown).toContain('`category=laboratory`');
  });

  it('on an app class: its members and what it may be granted', () => {
    const { service, uri, offset } = serviceAt(at('grant portal', 8));
    const md = service.hover(uri, offset)?.markdown ?? '';
    expect(md).toContain('**app portal** — Portal apps');
    expect(md).toContain('- user: patient');
    expect(md).toContain('May be granted: `patient/Observation.rs`');
  });

  it('on an option: its doc, values and default', () => {
    const { service, uri, offset } = serviceAt(at('search.query_restricted', 3));
    const md = service.hover(uri, offset)?.markdown ?? '';
    expect(md).toContain('**option search.query_restricted**');
    expect(md).toMatch(/Values: .*`narrow`/);
    expect(md).toContain('Default:');
  });

  it('on a lint code in an ignore comment: the rule documentation', () => {
    const text = POLICY.replace('  deny patient', '  # smart-policy-ignore style.deny-without-<|>reason fine\n  deny patient');
    const { service, uri, offset } = serviceAt(text);
    const md = service.hover(uri, offset)?.markdown ?? '';
    expect(md).toContain('**style.deny-without-reason**');
    expect(md).toContain('by default');
  });

  it('on nothing in particular: no hover', () => {
    const { service, uri, offset } = serviceAt(at('fhir R4', 1));
    expect(service.hover(uri, offset)).toBeUndefined();
    expect(service.hover(uri, 200_000)).toBeUndefined();
  });
});
