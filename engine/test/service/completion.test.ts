/** Completion from the language service, cursor marked with `<|>`. */
import { describe, expect, it } from 'vitest';
import { POLICY, serviceAt } from './cursor.js';

function complete(marked: string): { labels: string[]; replaced: string } {
  const { service, uri, offset, text } = serviceAt(marked);
  const result = service.completions(uri, offset);
  return { labels: result.items.map((i) => i.label), replaced: text.slice(result.replaceFrom, offset) };
}

const inGrant = (line: string) =>
  POLICY.replace('  allow as labs patient/Observation.rs\n', `  allow as labs patient/Observation.rs\n  ${line}\n`);

describe('completion', () => {
  it('offers top-level keywords at the start of a line', () => {
    const { labels } = complete(`${POLICY}<|>`);
    expect(labels).toEqual(expect.arrayContaining(['import', 'policy', 'app', 'grant', 'explain', 'test']));
  });

  it('offers the keywords of the block the cursor is in', () => {
    expect(complete(POLICY.replace('  client public', '  <|>\n  client public')).labels).toEqual(
      expect.arrayContaining(['client', 'auth', 'user', 'launch']),
    );
    expect(complete(inGrant('<|>')).labels).toEqual(['allow', 'deny']);
  });

  it('offers resource types after patient/ and replaces only the typed part', () => {
    const { labels, replaced } = complete(inGrant('allow patient/Obs<|>'));
    expect(labels).toContain('Observation');
    expect(labels).toContain('*');
    expect(replaced).toBe('Obs');
  });

  it('offers permission letters in cruds order after the type', () => {
    const { labels, replaced } = complete(inGrant('allow patient/Observation.<|>'));
    expect(labels.slice(0, 3)).toEqual(['rs', 'r', 's']);
    expect(labels).toContain('cruds');
    expect(labels.every((l) => [...l].every((c, i, all) => i === 0 || 'cruds'.indexOf(all[i - 1] ?? '') < 'cruds'.indexOf(c)))).toBe(true);
    expect(replaced).toBe('');
  });

  it('offers search parameters of the type after ? and the value shape after =', () => {
    const params = complete(inGrant('allow patient/Observation.rs?cat<|>'));
    expect(params.labels).toContain('category');
    expect(params.labels).toContain('code');
    expect(params.replaced).toBe('cat');
    const value = complete(inGrant('allow patient/Observation.rs?category=<|>'));
    expect(value.labels[0]).toContain('system|code');
  });

  it('offers app class names after grant, refresh and in a test token', () => {
    expect(complete(`${POLICY}refresh <|>`).labels).toEqual(['portal']);
    expect(complete(`${POLICY}test "t" {\n  token {\n    app <|>`).labels).toEqual(['portal']);
  });

  it('offers locale tags in locales and declared locales in explain blocks', () => {
    expect(complete(POLICY.replace('locales en, es', 'locales en, es, <|>')).labels).toContain('fr');
    expect(complete(POLICY.replace('  en "your lab results"', '  <|>\n  en "your lab results"')).labels).toEqual(
      expect.arrayContaining(['en', 'es', 'where']),
    );
  });

  it('offers option names and the values of the option', () => {
    expect(complete(POLICY.replace('option search.query_restricted narrow', 'option <|>')).labels).toContain('search.query_restricted');
    const values = complete(POLICY.replace('option search.query_restricted narrow', 'option search.query_restricted <|>')).labels;
    expect(values).toContain('narrow');
  });

  it('offers app values from the closed sets', () => {
    expect(complete(POLICY.replace('client public', 'client <|>')).labels).toEqual([
      'public',
      'confidential-symmetric',
      'confidential-asymmetric',
    ]);
  });

  it('offers lint codes in ignore comments', () => {
    const { labels, replaced } = complete(inGrant('# smart-policy-ignore style.deny<|>'));
    expect(labels).toContain('style.deny-without-reason');
    expect(replaced).toBe('style.deny');
  });

  it('never throws on half-typed text', () => {
    for (const cut of [1, 17, 60, 120, 200, POLICY.length]) {
      const marked = `${POLICY.slice(0, cut)}<|>`;
      expect(() => complete(marked)).not.toThrow();
    }
  });
});
