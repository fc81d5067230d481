/** Outline and workspace symbols from the language service. */
import { describe, expect, it } from 'vitest';
import { POLICY, serviceAt } from './cursor.js';

describe('document and workspace symbols', () => {
  it('outlines every block, with grant rules nested and the name as selection', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY}`);
    const outline = service.documentSymbols(uri);
    expect(outline.map((s) => s.name)).toEqual(['policy "P"', 'app portal', 'context', 'grant portal', 'explain Observation']);
    const grant = outline.find((s) => s.kind === 'grant');
    expect(grant?.children.map((c) => c.name)).toEqual(['allow as labs patient/Observation.rs', 'deny patient/*.cud']);
    const app = outline.find((s) => s.kind === 'app');
    expect(text.slice(app?.selectionRange.start.offset, app?.selectionRange.end.offset)).toBe('portal');
  });

  it('finds named things across the set by a fuzzy query', () => {
    const { service, uri } = serviceAt(`import "apps.smartpolicy"\n<|>${POLICY.replace(/app portal[^}]*}\n/, '')}`, {
      '/set/apps.smartpolicy': 'app portal {\n  client public\n  user patient\n}\n',
    });
    const found = service.workspaceSymbols([uri], 'prtl');
    expect(found.map((s) => [s.name, s.kind, s.uri])).toEqual([['portal', 'app', '/set/apps.smartpolicy']]);
  });
});
