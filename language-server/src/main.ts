/**
 * The bin's entry: a connection over the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=<port>`; vscode-languageserver reads them from `process.argv`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const USAGE = 'usage: smart-policy-language-server --stdio | --node-ipc | --socket=<port>';

export function main(args: readonly string[]): void {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  startServer(createConnection(ProposedFeatures.all));
}
