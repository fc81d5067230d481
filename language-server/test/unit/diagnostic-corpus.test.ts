/**
 * The shared diagnostic corpus through the language server's own path: the workspace (the
 * engine's language service) checks each case with its rule levels given as editor settings,
 * diagnostics are converted to LSP, and their 0-based positions converted back must match the
 * corpus exactly as the CLI and the checker match it.
 */
import { describe, expect, it } from 'vitest';
import { corpusMismatch, loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';
import { toLspDiagnostic } from '../../src/features/diagnostics.js';
import { readSettings } from '../../src/settings.js';
import { PolicyWorkspace } from '../../src/workspace.js';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const cases = loadDiagnosticCorpus();

describe('the shared diagnostic corpus through the language server', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('%s', (_id, testCase, index) => {
    const workspace = new PolicyWorkspace();
    workspace.setLintLevels(readSettings({ lint: testCase.config }).lint);
    const uri = `untitled:corpus-${index}.smartpolicy`;
    workspace.open(uri, testCase.input);
    const reported = workspace.diagnosticsOf(workspace.keyOf(uri)).map((d) => {
      const lsp = toLspDiagnostic(d);
      return {
        code: String(lsp.code),
        severity: SEVERITY[lsp.severity ?? 1] ?? 'error',
        line: lsp.range.start.line + 1,
        column: lsp.range.start.character + 1,
      };
    });
    expect(corpusMismatch(testCase, reported)).toEqual([]);
  });
});
