/**
 * "Run policy tests": compiles the set as the editor holds it and runs its `test` blocks with the
 * engine's runner. Each case keeps its source span so the Test Explorer can point at it.
 */
import { realpathSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { runPolicyTests, type LanguageService, type PolicyTestReport } from 'smart-policy';

export type PolicyTestRun =
  | { readonly ok: true; readonly report: PolicyTestReport }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Fixtures (`resource file "…"`) are JSON files inside the set's folder, at most 1 MiB. */
const MAX_FIXTURE_BYTES = 1024 * 1024;

/**
 * Reads a fixture as the CLI does: inside the set's folder after symbolic links, a regular file
 * within the limit, parsed as JSON; anything else reads as `undefined` ("could not be read"), so
 * a fixture pointing elsewhere quotes nothing.
 */
export function fixtureReader(folder: string): (path: string) => unknown {
  return (path) => {
    try {
      const root = realpathSync(folder);
      const real = realpathSync(isAbsolute(path) ? path : resolve(folder, path));
      const inside = relative(root, real);
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
      const stat = statSync(real);
      if (!stat.isFile() || stat.size > MAX_FIXTURE_BYTES) return undefined;
      return JSON.parse(readFileSync(real, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  };
}

export function runTestsOf(service: LanguageService, entry: string): PolicyTestRun {
  const { bundle, diagnostics } = service.compile(entry);
  if (bundle === null) {
    const errors = diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.uri ?? entry}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`);
    return { ok: false, errors };
  }
  return { ok: true, report: runPolicyTests(bundle, { readResource: fixtureReader(dirname(entry)) }) };
}
