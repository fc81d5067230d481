/** The pure language service: documents by uri, phases, node lookup, references across files. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../src/service/index.js';
import { runCheck } from '../../src/node/run-check.js';
import { compilePolicyFile } from '../../src/node/compile-policy-file.js';

const MAIN = '/set/main.smartpolicy';
const APPS = '/set/apps.smartpolicy';
const FILES: Record<string, string> = {
  [MAIN]: `import "apps.smartpolicy"
policy "P" {
  fhir R4
  locales en, es
  default locale en
}
grant portal {
  allow as labs patient/Observation.rs
}
refresh portal {
  rotate on every use
}
explain Observation {
  en "your lab results"
  es "sus resultados"
}
test "per app" with rows {
  | who    |
  | portal |
} {
  token { app $who; grant authorization_code; scope "patient/Observation.rs" }
  expect granted "patient/Observation.rs"
  expect reason "grant:portal:labs"
}
`,
  [APPS]: `app portal {
  client public
  user patient
  launch standalone
}
`,
};

function service(files: Record<string, string> = FILES) {
  const reads: string[] = [];
  const s = createLanguageService({
    readFile: (uri) => {
      reads.push(uri);
      return files[uri];
    },
  });
  return { s, reads };
}

const offsetOf = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  return at;
};
const textAt = (uri: string, range: { start: { offset: number }; end: { offset: number } }, files = FILES) =>
  (files[uri] as string).slice(range.start.offset, range.end.offset);

describe('createLanguageService: phases', () => {
  it('parses once per text, reuses the parse, and re-parses after an update', () => {
    const { s } = service();
    const first = s.parsed(MAIN);
    expect(first?.diagnostics).toEqual([]);
    expect(s.parsed(MAIN)?.ast).toBe(first?.ast);
    const opened = s.open(MAIN, `${FILES[MAIN]}\n# edited\n`);
    expect(opened.version).toBe(1);
    expect(opened.ast).not.toBe(first?.ast);
    expect(s.update(MAIN, 'policy {').diagnostics.length).toBeGreaterThan(0);
    expect(s.parsed(MAIN)?.version).toBe(2);
  });

  it('links a set across files: the open document wins over the host, and changes reach the next phase', () => {
    const { s, reads } = service();
    expect(s.linked(MAIN).documents.map((d) => d.uri)).toEqual([MAIN, APPS]);
    expect(s.check(MAIN).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    s.open(APPS, 'app other { user patient }\n');
    const errors = s.check(MAIN).diagnostics.filter((d) => d.code === 'semantic.unknown-app-class');
    expect(errors.length).toBeGreaterThan(0);
    s.close(APPS);
    expect(s.check(MAIN).diagnostics.filter((d) => d.code === 'semantic.unknown-app-class')).toEqual([]);
    expect(reads).toContain(APPS);
  });

  it('reports a document the host cannot read, or refuses, at the import (never throws)', () => {
    const refused = createLanguageService({
      readFile: (uri) => (uri === MAIN ? FILES[MAIN] : { code: 'import.outside-set', message: 'it is outside' }),
    });
    expect(refused.linked(MAIN).diagnostics.map((d) => d.code)).toEqual(['import.outside-set']);
    const throwing = createLanguageService({
      readFile: (uri) => {
        if (uri === MAIN) return FILES[MAIN];
        throw new Error('disk on fire');
      },
    });
    expect(throwing.linked(MAIN).diagnostics.map((d) => d.code)).toEqual(['import.missing']);
  });

  it('compiles the linked set like compilePolicySet does from disk', () => {
    const { s } = service();
    const { bundle, diagnostics } = s.compile(MAIN, { relativeTo: '/set' });
    expect(diagnostics).toEqual([]);
    expect(bundle?.sources).toEqual(['main.smartpolicy', 'apps.smartpolicy']);
  });

  it('formats an open document', () => {
    const { s } = service();
    s.open('/x.smartpolicy', 'app   portal {user patient}\n');
    expect(s.format('/x.smartpolicy')).toMatchObject({ ok: true, changed: true });
  });

  it('never throws, whatever the documents hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), fc.nat(400), (main, apps, offset) => {
        const { s } = service({ [MAIN]: `import "apps.smartpolicy"\n${main}`, [APPS]: apps });
        s.check(MAIN);
        s.compile(MAIN);
        s.format(APPS);
        s.nodePathAt(MAIN, offset);
        s.references(MAIN, offset, { includeDefinitions: true });
        s.definitions(APPS, offset, MAIN);
      }),
      { numRuns: 150, seed: 8006 },
    );
  });
});

describe('createLanguageService: node at offset', () => {
  it('property: the path holds the offset, each node inside its parent, the last with no child holding it', () => {
    const { s } = service();
    const text = FILES[MAIN] as string;
    fc.assert(
      fc.property(fc.nat(text.length), (offset) => {
        const path = s.nodePathAt(MAIN, offset);
        expect(path[0]?.kind).toBe('file');
        for (const [i, node] of path.entries()) {
          if (i === 0) continue;
          expect(node.range.start.offset).toBeLessThanOrEqual(offset);
          expect(node.range.end.offset).toBeGreaterThanOrEqual(offset);
          const parent = path[i - 1];
          if (parent && i > 1) {
            expect(node.range.start.offset).toBeGreaterThanOrEqual(parent.range.start.offset);
            expect(node.range.end.offset).toBeLessThanOrEqual(parent.range.end.offset);
          }
        }
      }),
      { numRuns: 200, seed: 8007 },
    );
  });

  it('finds the scope under the cursor inside its grant rule', () => {
    const { s } = service();
    const path = s.nodePathAt(MAIN, offsetOf(FILES[MAIN] as string, 'Observation.rs') + 3);
    expect(path.map((n) => n.kind)).toEqual(['file', 'grant', 'grant.rule', 'scope']);
  });
});

describe('createLanguageService: references', () => {
  it('go to definition of an app class used in another file, and find every use from its definition', () => {
    const { s } = service();
    const main = FILES[MAIN] as string;
    const defs = s.definitions(MAIN, offsetOf(main, 'portal') + 1);
    expect(defs).toHaveLength(1);
    expect(defs[0]?.uri).toBe(APPS);
    expect(textAt(APPS, defs[0]!.range)).toBe('portal');
    const uses = s.references(APPS, offsetOf(FILES[APPS] as string, 'portal'), { entryUri: MAIN });
    // grant portal, refresh portal, the table cell `portal`.
    expect(uses.map((u) => `${u.uri}:${u.range.start.line}`)).toEqual([`${MAIN}:7`, `${MAIN}:10`, `${MAIN}:19`]);
  });

  it('links rule names to expect reason, locales to their texts, columns to $uses, imports to files', () => {
    const { s } = service();
    const main = FILES[MAIN] as string;
    expect(s.symbolAt(MAIN, offsetOf(main, 'grant:portal:labs') + 2)).toMatchObject({ kind: 'rule', key: 'portal:labs' });
    expect(s.definitions(MAIN, offsetOf(main, 'grant:portal:labs') + 2).map((d) => textAt(MAIN, d.range))).toEqual(['labs']);
    expect(s.references(MAIN, offsetOf(main, 'en, es') + 4).map((d) => d.range.start.line)).toEqual([15]);
    expect(s.references(MAIN, offsetOf(main, 'who')).map((d) => d.range.start.line)).toEqual([21]);
    expect(s.definitions(MAIN, offsetOf(main, 'apps.smartpolicy'))).toEqual([
      { uri: APPS, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
    ]);
  });

  it('property: every app, rule, locale and column location spells the name (or holds `$name`)', () => {
    const { s } = service();
    for (const symbol of s.linked(MAIN).references.symbols) {
      if (symbol.kind === 'file' || symbol.kind === 'test') continue;
      for (const at of [...symbol.definitions, ...symbol.references]) expect(textAt(at.uri, at.range)).toContain(symbol.name);
    }
  });
});

describe('the service is pure', () => {
  it('no file of engine/src/service imports node built-ins, the CLI or the io layer', () => {
    const dir = resolve(import.meta.dirname, '../../src/service');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/from '(node:|fs'|path'|\.\.\/cli\/|\.\.\/io\/)/);
      expect(source, name).not.toMatch(/\bprocess\.|\brequire\(/);
    }
  });
});

describe('the CLI front end is the service', () => {
  const policies = resolve(import.meta.dirname, '../../../policies');
  const entries = readdirSync(policies).flatMap((folder) =>
    readdirSync(join(policies, folder))
      .filter((f) => f.endsWith('.smartpolicy') && readFileSync(join(policies, folder, f), 'utf8').includes('policy "'))
      .map((f) => join(policies, folder, f)),
  );

  it.each(entries)('check and compile of %s give what the disk loader gives', (entry) => {
    const host = createLanguageService({ readFile: (path) => readFileSync(path, 'utf8') });
    for (const format of ['json', 'sarif'] as const) {
      expect(runCheck(entry, { format, configPath: false, service: host }).output).toBe(
        runCheck(entry, { format, configPath: false }).output,
      );
    }
    const relativeTo = resolve(entry, '..');
    expect(JSON.stringify(host.compile(entry, { relativeTo }))).toBe(JSON.stringify(compilePolicyFile(entry, { relativeTo })));
  });
});
