/**
 * The clients every reference server knows: the built-in demo app of the home page (a public
 * client with PKCE) and the sandbox wallet (a public client whose launches may register
 * per-device instances, software id `org.sandbox.wallet`).
 */
import type { RegisteredClient } from './reference-types.js';

export const DEMO_APP_ID = 'sandbox-demo-app';
export const WALLET_ID = 'sandbox-wallet';

export function demoClients(origin: () => string): RegisteredClient[] {
  return [
    {
      clientId: DEMO_APP_ID,
      type: 'public',
      authMethod: 'none',
      // A getter: the origin is known once the server listens.
      get redirectUris() {
        return [`${origin()}/demo/callback`];
      },
      name: 'Sandbox demo app',
    },
    {
      clientId: WALLET_ID,
      type: 'public',
      authMethod: 'none',
      get redirectUris() {
        return [`${origin()}/demo/wallet-callback`];
      },
      softwareId: 'org.sandbox.wallet',
      name: 'Sandbox wallet',
    },
  ];
}
