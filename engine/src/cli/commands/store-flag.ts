import { openStore, type Store } from '../../runtime/index.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { resolvePath } from './resolve-path.js';

/**
 * Opens the store a `--store` flag names (`sqlite:FILE` relative to the working directory,
 * `redis://…`, `postgres://…`, `memory`). The location may carry credentials: a failure says what
 * failed and never echoes it.
 */
export async function openStoreFlag(io: CliIo, location: string, namespace?: string): Promise<Store> {
  const resolved = location.startsWith('sqlite:') ? `sqlite:${resolvePath(io, location.slice('sqlite:'.length))}` : location;
  try {
    return await openStore(resolved, namespace === undefined ? {} : { namespace });
  } catch (error) {
    throw new CliError(
      `the store could not be opened: ${error instanceof Error && error.name === 'MissingPeerError' ? error.message : 'check --store'}`,
    );
  }
}
