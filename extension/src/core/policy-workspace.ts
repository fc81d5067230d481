/**
 * The policy sets the commands work on: one language service per policy-set folder, reading
 * what is not open in the editor from disk exactly as the CLI does (only `*.smartpolicy` regular
 * files inside the set's folder, within the input limit), so a command sees what `smart-policy`
 * would see plus the unsaved edits.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLanguageService, type LanguageService } from 'smart-policy';
import { readConfinedPolicyFile, realFolder } from 'smart-policy/node';

/** The CLI's default input limit (`--max-input-bytes`). */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const POLICY_SUFFIX = '.smartpolicy';

/** The editor's unsaved text of a file, by absolute path; undefined when it is not open. */
export type OpenText = (path: string) => string | undefined;

export interface PolicyWorkspace {
  /** The service of the set that `path` belongs to, with the editor's open texts applied. */
  serviceFor(path: string): LanguageService;
  /** The entry file of the policy set holding `path` (the file whose set imports it), else `path`. */
  entryFor(path: string): string;
}

function policyFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(POLICY_SUFFIX))
      .map((e) => join(folder, e.name))
      .sort();
  } catch {
    return [];
  }
}

export function createPolicyWorkspace(openText: OpenText, listFolder: (folder: string) => string[] = policyFilesIn): PolicyWorkspace {
  const services = new Map<string, LanguageService>();

  function serviceFor(path: string): LanguageService {
    const folder = dirname(path);
    let service = services.get(folder);
    if (service === undefined) {
      const root = realFolder(folder);
      service = createLanguageService({
        readFile(file) {
          const read = readConfinedPolicyFile(file, root, MAX_INPUT_BYTES);
          return 'text' in read ? read.text : read;
        },
        limits: { maxFileBytes: MAX_INPUT_BYTES, maxTotalBytes: MAX_INPUT_BYTES },
      });
      services.set(folder, service);
    }
    syncOpenDocuments(service, [path, ...listFolder(folder)], openText);
    return service;
  }

  function entryFor(path: string): string {
    const service = serviceFor(path);
    const own = service.parsed(path);
    if (own?.ast.declarations.some((d) => d.kind === 'policy')) return path;
    for (const candidate of listFolder(dirname(path))) {
      if (candidate === path) continue;
      const parsed = service.parsed(candidate);
      if (!parsed?.ast.declarations.some((d) => d.kind === 'policy')) continue;
      if (service.linked(candidate).documents.some((d) => d.uri === path)) return candidate;
    }
    return path;
  }

  return { serviceFor, entryFor };
}

/** Open documents win over the disk; a document closed in the editor goes back to the disk. */
function syncOpenDocuments(service: LanguageService, paths: readonly string[], openText: OpenText): void {
  const open = new Set(service.openDocuments());
  for (const path of paths) {
    const text = openText(path);
    if (text === undefined) {
      if (open.has(path)) service.close(path);
    } else if (!open.has(path)) {
      service.open(path, text);
    } else if (service.parsed(path)?.text !== text) {
      service.update(path, text);
    }
  }
}
