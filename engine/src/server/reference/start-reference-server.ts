/**
 * Starts the reference server: listens (127.0.0.1 by default), tells the app its origin, and
 * returns a handle to close it (and its store).
 */
import type { Logger } from 'pino';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { Clock, Store } from '../../runtime/index.js';
import { type ReferenceServer, createReferenceServer } from './create-reference-server.js';
import type { IntrospectionCaller, RegisteredClient } from './reference-types.js';
import type { ServerKeys } from './server-keys.js';

export interface StartReferenceOptions {
  readonly bundle: PolicyBundle;
  readonly store: Store;
  readonly port?: number;
  readonly host?: string;
  readonly clock?: Clock;
  readonly clients?: readonly RegisteredClient[];
  readonly introspectionCallers?: readonly IntrospectionCaller[];
  readonly dpopNonces?: boolean;
  readonly logger?: Logger;
  /** The signing key (e.g. `loadOrCreateServerKeys(file)`); default: one made for this process. */
  readonly keys?: ServerKeys;
}

export interface RunningReferenceServer {
  readonly url: string;
  readonly server: ReferenceServer;
  close(): Promise<void>;
}

export async function startReferenceServer(options: StartReferenceOptions): Promise<RunningReferenceServer> {
  const server = await createReferenceServer({
    bundle: options.bundle,
    store: options.store,
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.clients !== undefined ? { clients: options.clients } : {}),
    ...(options.introspectionCallers !== undefined ? { introspectionCallers: options.introspectionCallers } : {}),
    ...(options.dpopNonces !== undefined ? { dpopNonces: options.dpopNonces } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.keys !== undefined ? { keys: options.keys } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  await server.app.listen({ port: options.port ?? 0, host });
  const address = server.app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  server.setOrigin(url);
  return {
    url,
    server,
    close: async () => {
      await server.app.close();
      await options.store.close();
    },
  };
}
