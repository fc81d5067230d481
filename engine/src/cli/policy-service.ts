/**
 * The language service as the CLI uses it: documents read from disk the way `loadPolicySet`
 * reads them by default — only `*.smartpolicy` regular files inside the entry file's folder
 * (symbolic links resolved), within the CLI's input limit. The service itself stays pure.
 */
import { dirname } from 'node:path';
import { readConfinedPolicyFile, realFolder } from '../node/read-policy-file.js';
import { createLanguageService, type LanguageService } from '../service/index.js';
import { maxInputBytes, type CliIo } from './cli-io.js';

/** A service whose host reads the policy set of `entryPath` (an absolute path) from disk. */
export function policyService(io: CliIo, entryPath: string): LanguageService {
  const limit = maxInputBytes(io);
  const realRoot = realFolder(dirname(entryPath));
  return createLanguageService({
    readFile(path) {
      const read = readConfinedPolicyFile(path, realRoot, limit);
      return 'text' in read ? read.text : read;
    },
    limits: { maxFileBytes: limit, maxTotalBytes: limit },
  });
}
