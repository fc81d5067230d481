#!/usr/bin/env node
// The smart-policy language server: speaks LSP over --stdio, --node-ipc or --socket=<port>.
import { main } from '../dist/main.js';

main(process.argv.slice(2));
