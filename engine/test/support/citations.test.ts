/**
 * Comments and docs cite the SMART App Launch IG by its page and section names (the IG has no
 * numbered sections), RFCs by section number, never a file outside the repository: the project's
 * SMART digest (`../shared/spec/SMART.md`) is not shipped, so "SMART.md §17.6" tells a reader of
 * the package nothing.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (['node_modules', 'dist', 'golden', 'artifacts', 'data'].includes(name)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mjs|md|yaml)$/.test(name)) out.push(path);
    }
  };
  for (const root of ['engine/src', 'engine/docs', 'engine/scripts', 'engine/test', 'test', 'language-server/src', 'extension'])
    walk(join(REPO_ROOT, root));
  out.push(join(REPO_ROOT, 'README.md'));
  return out.filter((p) => p !== fileURLToPath(import.meta.url));
}

/** A `§` is an RFC's, OAuth 2.1's, OIDC's or FHIR's section when one of those is named just before it. */
const NAMED_STANDARD = /(RFC \d+|OAuth 2\.1|OIDC Core|FHIR|R4|RFC)[^§()]{0,30}\(?$/;

function findings(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/SMART\.md|shared\/spec|\bdigest (§|rules?\b)|of the digest/.test(line)) out.push(`${i + 1}: names the digest`);
    for (const m of line.matchAll(/§/g)) {
      const before = line.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
      if (!NAMED_STANDARD.test(before)) out.push(`${i + 1}: a § of no named standard`);
    }
  });
  return out;
}

describe('citations', () => {
  it('recognises digest citations and accepts RFC ones', () => {
    expect(findings('see SMART.md §13')).not.toEqual([]);
    expect(findings('(digest §14)')).not.toEqual([]);
    expect(findings('policy option (§17.6)')).not.toEqual([]);
    expect(findings('as RFC 6749 §6 says; OAuth 2.1 (§4.3); FHIR R4 search §3.1.1.4')).toEqual([]);
  });

  it('cite the IG by section names and no file outside the repository', () => {
    const bad = sources()
      .map((p) => [relative(REPO_ROOT, p), findings(readFileSync(p, 'utf8'))] as const)
      .filter(([, f]) => f.length > 0)
      .map(([p, f]) => `${p}:${f.join(', ')}`);
    expect(bad).toEqual([]);
  });
});
