/** The bin's transports: `--node-ipc` (the VS Code extension's) answers like `--stdio`; no transport is a usage error. */
import { fork, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_BIN } from './lsp-client.js';

describe('transports', () => {
  it('speaks LSP over node IPC', async () => {
    const child = fork(SERVER_BIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const init = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      expect(init.capabilities.hoverProvider).toBe(true);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('prints its usage for --help and refuses to start without a transport', () => {
    const help = spawnSync(process.execPath, [SERVER_BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--stdio');
    const none = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage:');
  });
});
