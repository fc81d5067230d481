/**
 * A minimal LSP client for protocol tests: the built server as a child process over stdio,
 * driven with `vscode-jsonrpc`. It records published diagnostics per uri and whether the server
 * exited.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/smart-policy-language-server.js', import.meta.url));

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly {
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
    readonly code?: string | number;
    readonly severity?: number;
    readonly message: string;
    readonly data?: unknown;
  }[];
}

export interface LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly published: PublishedDiagnostics[];
  readonly capabilities: Record<string, unknown>;
  exited(): boolean;
  /** Opens a document and resolves with the first diagnostics published for that version. */
  open(uri: string, text: string, version?: number): Promise<PublishedDiagnostics>;
  change(uri: string, text: string, version: number): Promise<PublishedDiagnostics>;
  /** Resolves with the next diagnostics for `uri` whose version is at least `version`. */
  diagnosticsFor(uri: string, version?: number): Promise<PublishedDiagnostics>;
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<void>;
}

export async function startClient(
  options: { rootUri?: string; initializationOptions?: unknown; workspaceConfiguration?: unknown } = {},
): Promise<LspClient> {
  const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  child.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishedDiagnostics[] = [];
  const waiters: { uri: string; version: number; resolve: (p: PublishedDiagnostics) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
    published.push(params);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.uri === params.uri && (params.version ?? 0) >= w.version) {
        waiters.splice(i, 1);
        w.resolve(params);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => options.workspaceConfiguration ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const init = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities: { workspace: { configuration: options.workspaceConfiguration !== undefined } },
    initializationOptions: options.initializationOptions ?? null,
  });
  await connection.sendNotification('initialized', {});

  const diagnosticsFor = (uri: string, version = 0): Promise<PublishedDiagnostics> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 15_000);
      waiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });

  return {
    connection,
    process: child,
    published,
    capabilities: init.capabilities,
    exited: () => exited,
    diagnosticsFor,
    async open(uri, text, version = 1) {
      const wait = diagnosticsFor(uri, version);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'smartpolicy', version, text } });
      return wait;
    },
    async change(uri, text, version) {
      const wait = diagnosticsFor(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return wait;
    },
    request: (method, params) => connection.sendRequest(method, params),
    async stop() {
      if (!exited) {
        await connection.sendRequest('shutdown').catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        if (exited) resolve();
        else {
          const timer = setTimeout(() => {
            child.kill();
            resolve();
          }, 3000);
          child.on('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        }
      });
      connection.dispose();
    },
  };
}
