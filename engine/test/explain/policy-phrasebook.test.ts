/**
 * End to end: a policy that declares `locales en, fr` and brings French sentence frames in a
 * `phrasebook fr { … }` block renders French consent text — through the AST catalog, the
 * compiled bundle and the `smart-policy explain` command.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/index.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { loadBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { catalogFromAst, catalogFromBundle, explain, localeChoice } from '../../src/explain/index.js';
import { lintJargon } from '../../src/explain/lint/index.js';
import { MESSAGE_KEYS } from '../../src/explain/catalog-phrasebook.js';
import { formatPolicy } from '../../src/language/index.js';
import { loadPolicySet } from '../../src/node/load-policy-set.js';

const DIR = fileURLToPath(new URL('./fixtures/fr-policy/', import.meta.url));
const POLICY = `${DIR}policy.smartpolicy`;

async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    readFile: (path) => readFileSync(path, 'utf8'),
    cwd: DIR,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const FR_SHORT = 'Voir et rechercher vos mesures de santé et résultats d’examens';

describe('French consent text from a policy phrasebook', () => {
  it('the fixture phrasebook gives every frame key', () => {
    const set = loadPolicySet(POLICY);
    expect(set.diagnostics).toEqual([]);
    const fr = catalogFromAst(set.files.map((f) => f.ast)).phrasebooks?.['fr'];
    expect(Object.keys(fr?.messages ?? {}).sort()).toEqual([...MESSAGE_KEYS].sort());
    expect(fr?.wildcard).toEqual({
      short: 'informations de santé',
      long: 'toutes sortes d’informations de santé',
      gender: 'feminine',
      number: 'plural',
    });
    expect(fr?.jargon).toContain('rencontre');
    expect(fr?.possessives).toEqual(['vos', 'votre']);
  });

  it('the fixture policy checks clean', () => {
    const set = loadPolicySet(POLICY);
    const codes = checkPolicy({ set }).diagnostics.map((d) => d.code);
    expect(codes).toEqual([]);
  });

  it('the fixture files are in canonical layout', () => {
    for (const name of ['policy.smartpolicy', 'phrasebook-fr.smartpolicy']) {
      expect(formatPolicy(readFileSync(`${DIR}${name}`, 'utf8'), name)).toMatchObject({ ok: true, changed: false });
    }
  });

  it('renders French from the AST catalog (the language server’s path)', () => {
    const catalog = catalogFromAst(loadPolicySet(POLICY).files.map((f) => f.ast));
    expect(localeChoice(catalog).available).toEqual(['en', 'fr']);
    const r = explain('patient/Observation.rs patient/Immunization.rs patient/*.rs offline_access', {
      acceptLanguage: 'fr-CA,fr;q=0.9',
      catalog,
    });
    expect(r.locale).toBe('fr');
    expect(r.scopes[0]?.short).toBe(FR_SHORT);
    expect(r.scopes[0]?.long).toBe(
      'L’application peut voir et rechercher vos mesures de santé et résultats d’examens. Des mesures comme la tension artérielle et le poids, et les résultats d’analyses.',
    );
    expect(r.scopes[1]?.short).toBe('Voir et rechercher vos vaccins');
    expect(r.scopes[2]?.short).toBe('Voir et rechercher toutes vos informations de santé');
    expect(explain('patient/Immunization.rs', { locale: 'fr', audience: 'clinician', catalog }).scopes[0]?.short).toBe(
      'Voir et rechercher les vaccins du patient',
    );
    expect(explain('patient/Immunization.rs', { acceptLanguage: 'de, en;q=0.5', catalog }).locale).toBe('en');
  });

  it('feeds the phrasebook’s jargon words to the jargon lint', () => {
    const catalog = catalogFromAst(loadPolicySet(POLICY).files.map((f) => f.ast));
    const Encounter = {
      target: 'Encounter',
      texts: { fr: { short: 'rencontres', gender: 'feminine' as const, number: 'plural' as const } },
      queries: [],
    };
    const findings = lintJargon({ ...catalog, entries: { ...catalog.entries, Encounter } });
    expect(findings.map((f) => [f.code, f.data['locale'], f.data['term']])).toEqual([['consent.jargon', 'fr', 'rencontres']]);
  });

  it('keeps the frames in the bundle, which loads and renders the same', () => {
    const { bundle, diagnostics } = compilePolicyFile(POLICY);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(bundle?.phrasebooks ?? {})).toEqual(['fr']);
    expect(Object.keys(bundle?.phrasebooks?.['fr']?.messages ?? {})).toHaveLength(MESSAGE_KEYS.length);
    const loaded = loadBundle(JSON.stringify(bundle));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const r = explain('patient/Observation.rs', { acceptLanguage: 'fr-CA,fr;q=0.9', catalog: catalogFromBundle(loaded.bundle) });
    expect(r.locale).toBe('fr');
    expect(r.scopes[0]?.short).toBe(FR_SHORT);
  });

  it('smart-policy explain --accept-language "fr-CA,fr;q=0.9" prints French short and long text', async () => {
    const run = await cli(['explain', '--json', '--policy', POLICY, '--accept-language', 'fr-CA,fr;q=0.9', 'patient/Observation.rs']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { locale: string; scopes: { short: string; long: string }[] };
    expect(result.locale).toBe('fr');
    expect(result.scopes[0]?.short).toBe(FR_SHORT);
    expect(result.scopes[0]?.long).toMatch(/^L’application peut voir et rechercher vos mesures de santé/);
    const text = await cli(['explain', '--policy', POLICY, '--accept-language', 'fr-CA,fr;q=0.9', 'patient/Observation.rs']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(FR_SHORT);
  });
});
