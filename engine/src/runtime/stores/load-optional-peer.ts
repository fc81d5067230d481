/**
 * The database clients are optional peer dependencies: loaded on first use, so the engine
 * installs and runs without them, and a missing one says which package to install.
 */
export class MissingPeerError extends Error {
  constructor(packageName: string, purpose: string) {
    super(`install ${packageName} to use the ${purpose} (an optional peer dependency of smart-policy)`);
    this.name = 'MissingPeerError';
  }
}

export async function loadOptionalPeer(packageName: string, purpose: string): Promise<unknown> {
  try {
    const module: unknown = await import(packageName);
    return module;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new MissingPeerError(packageName, purpose);
    throw error;
  }
}

/** The CommonJS export of a dynamically imported module (`module.exports` arrives as `default`). */
export function commonJsExport<T>(module: unknown): T {
  const m = module as { default?: unknown };
  return (m.default ?? module) as T;
}
