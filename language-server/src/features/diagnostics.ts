/**
 * Diagnostics as you type: the checker's result for every policy set an open document belongs
 * to — the same codes, ranges and messages as `smart-policy check`. An edit in one file
 * re-checks every open file (an importer's diagnostics may change). A round of publishing stops
 * as soon as a newer edit arrives, and each publish carries the document version it was
 * computed for, so a stale result is never published after a newer edit.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from 'smart-policy';
import type { ServerContext } from '../context.js';
import { toLspRange } from '../positions.js';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** The LSP form of an engine diagnostic; `data` keeps the code and facts quick fixes need. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'smart-policy',
    message: d.message,
    data: { code: d.code, ...(d.data !== undefined ? { facts: d.data } : {}) },
  };
}

export interface DiagnosticsScheduler {
  /** Re-check soon; `first` (a document uri) is published first. */
  schedule(first?: string): void;
  /** Resolves when the current round has published (tests, benchmarks). */
  idle(): Promise<void>;
}

export function registerDiagnostics(context: ServerContext): DiagnosticsScheduler {
  let generation = 0;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  const priority: string[] = [];

  const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  const round = async (mine: number): Promise<void> => {
    await yieldToMessages();
    if (mine !== generation) return;
    const uris = context.documents.keys();
    const ordered = [...new Set([...priority.splice(0), ...uris])];
    for (const uri of ordered) {
      if (mine !== generation) return; // a newer edit: its round publishes instead
      const document = context.documents.get(uri);
      if (!document) continue;
      const version = document.version;
      let diagnostics: LspDiagnostic[];
      const started = performance.now();
      try {
        diagnostics = context.workspace.diagnosticsOf(context.workspace.keyOf(uri)).map(toLspDiagnostic);
        // Trace says how long checking took and how much it found; never the document's text.
        if (context.settings().trace !== 'off') {
          context.connection.console.log(
            `checked ${uri} v${version}: ${diagnostics.length} diagnostics in ${(performance.now() - started).toFixed(1)} ms`,
          );
        }
      } catch (error) {
        context.connection.console.error(`checking failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        continue;
      }
      if (mine !== generation || context.documents.get(uri)?.version !== version) return;
      await context.connection.sendDiagnostics({ uri, version, diagnostics });
      await yieldToMessages();
    }
  };

  return {
    schedule(first) {
      generation++;
      if (first !== undefined) priority.push(first);
      if (pending) return;
      pending = true;
      running = running.then(async () => {
        pending = false;
        await round(generation);
      });
    },
    idle: () => running,
  };
}

/** Clears a closed document's diagnostics (they belong to the editor's view of it). */
export function clearDiagnostics(context: ServerContext, uri: string): void {
  void context.connection.sendDiagnostics({ uri, diagnostics: [] });
}
