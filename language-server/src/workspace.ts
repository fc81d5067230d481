/**
 * The server's view of the workspace: one engine language service over the editor's open
 * documents and the policy files on disk, read the way `smart-policy check` reads them (only
 * `*.smartpolicy` regular files, inside the workspace folder, bounded). Documents are keyed by
 * file path for `file:` URIs — the CLI's spelling, so diagnostics match it — and by a path
 * under a folder that does not exist for other URIs (unsaved buffers), so the engine's loader
 * treats both alike and nothing is ever read from disk for the latter.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createLanguageService,
  defaultRegistry,
  mergeConfigs,
  readConfigFile,
  readConfinedPolicyFile,
  realFolder,
  type CheckConfig,
  type CheckPolicyResult,
  type Diagnostic,
  type LanguageService,
  type ParsedDocument,
} from 'smart-policy';
import { isInsideFolder } from './paths.js';

/** The largest policy file the server reads or checks (the CLI's default input limit). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const POLICY_EXTENSION = '.smartpolicy';
/** Most files followed when finding which sets a document belongs to (the loader has its own limit). */
const MAX_SET_FILES = 1000;
/** Where documents that are not files live, as keys: a folder that is never read. */
const UNSAVED_ROOT = '/.smart-policy-unsaved/';

function isPath(key: string): boolean {
  return key.startsWith('/') || /^[A-Za-z]:[\\/]/.test(key);
}

type DiskRead =
  | string
  | undefined
  | {
      readonly code: 'import.outside-set' | 'import.missing' | 'import.not-policy' | 'import.not-file' | 'import.too-large';
      readonly message: string;
    };

export class PolicyWorkspace {
  readonly service: LanguageService;
  /** Workspace folders (real paths); a file outside all of them is confined to its own folder. */
  private roots: string[] = [];
  /** Client spelling of each open document's URI, by key. */
  private readonly clientUris = new Map<string, string>();
  private readonly disk = new Map<string, DiskRead>();
  private readonly folders = new Map<string, string[]>();
  private readonly checks = new Map<string, CheckPolicyResult>();
  /** Entries of each document's sets; cleared on every change (cheap to recompute). */
  private readonly entries = new Map<string, string[]>();
  private readonly configs = new Map<string, { config: CheckConfig; diagnostics: readonly Diagnostic[] }>();
  private settingsConfig: CheckConfig = {};

  constructor() {
    this.service = createLanguageService({
      readFile: (key) => this.readFromDisk(key),
      limits: { maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: 4 * MAX_FILE_BYTES },
    });
  }

  setRoots(folders: readonly string[]): void {
    this.roots = folders.map((f) => realFolder(f));
    this.invalidateDisk();
  }

  /** Levels per code from the editor's settings; they win over `smart-policy.json`. */
  setLintLevels(config: CheckConfig): void {
    this.settingsConfig = config;
    this.checks.clear();
  }

  keyOf(uri: string): string {
    if (uri.startsWith('file:')) {
      try {
        return fileURLToPath(uri);
      } catch {
        // not a local file: kept apart like an unsaved buffer
      }
    }
    return `${UNSAVED_ROOT}${encodeURIComponent(uri)}`;
  }

  uriOf(key: string): string {
    const client = this.clientUris.get(key);
    if (client) return client;
    if (key.startsWith(UNSAVED_ROOT)) {
      try {
        return decodeURIComponent(key.slice(UNSAVED_ROOT.length));
      } catch {
        return key;
      }
    }
    return isPath(key) ? pathToFileURL(key).href : key;
  }

  open(uri: string, text: string): ParsedDocument {
    const key = this.keyOf(uri);
    this.clientUris.set(key, uri);
    this.changed(key);
    return this.service.open(key, text);
  }

  close(uri: string): void {
    const key = this.keyOf(uri);
    this.clientUris.delete(key);
    this.disk.delete(key);
    this.changed(key);
    this.service.close(key);
  }

  /**
   * A document changed: only the checks of the sets that hold it are stale (a set that does
   * not reach it cannot change, except one whose missing import it may now be).
   */
  private changed(key: string): void {
    for (const entry of [...this.checks.keys()]) {
      const result = this.checks.get(entry);
      const reaches = this.reachOf(entry).has(key);
      const missingImport = result?.diagnostics.some((d) => d.code.startsWith('import.')) ?? true;
      if (reaches || missingImport) this.checks.delete(entry);
    }
    this.entries.clear();
  }

  /** Keys of the open documents. */
  openKeys(): readonly string[] {
    return this.service.openDocuments();
  }

  /** Files changed on disk (saved elsewhere, created, deleted): forget what was read. */
  invalidateDisk(): void {
    this.disk.clear();
    this.folders.clear();
    this.configs.clear();
    this.checks.clear();
    this.entries.clear();
    this.service.invalidate();
  }

  /**
   * The entries of the policy sets `key` belongs to: the open documents and the policy files of
   * its folder that reach it through imports and that no other of them imports. A file no
   * entry reaches is its own entry.
   */
  entriesOf(key: string): string[] {
    let cached = this.entries.get(key);
    if (!cached) {
      cached = this.computeEntries(key);
      this.entries.set(key, cached);
    }
    return cached;
  }

  // From the import graph of the parsed files alone (parses are cached per text), so finding
  // a document's sets costs no linking or checking.
  private computeEntries(key: string): string[] {
    const candidates = new Set<string>(this.service.openDocuments());
    if (!key.startsWith(UNSAVED_ROOT)) for (const file of this.policyFilesIn(dirname(key))) candidates.add(file);
    const imported = new Set<string>();
    const reaching: string[] = [];
    for (const candidate of candidates) {
      const reach = this.reachOf(candidate);
      for (const file of reach) if (file !== candidate) imported.add(file);
      if (reach.has(key)) reaching.push(candidate);
    }
    const entries = reaching.filter((c) => !imported.has(c));
    return entries.length > 0 ? entries : [key];
  }

  /** The files `entry` reaches through imports (itself included), as the loader resolves them. */
  private reachOf(entry: string): Set<string> {
    const seen = new Set<string>([entry]);
    const stack = [entry];
    while (stack.length > 0 && seen.size < MAX_SET_FILES) {
      const file = stack.pop() as string;
      for (const imp of this.service.parsed(file)?.ast.imports ?? []) {
        const path = imp?.path?.value;
        if (typeof path !== 'string' || path === '') continue;
        const target = resolve(dirname(file), path);
        if (seen.has(target)) continue;
        seen.add(target);
        stack.push(target);
      }
    }
    return seen;
  }

  /** The first entry of `key`'s sets: the set hovers, completion and navigation read. */
  entryOf(key: string): string {
    return this.entriesOf(key)[0] ?? key;
  }

  /** The checker's result for the set of `entry`, with `smart-policy.json` and the settings. */
  check(entry: string): CheckPolicyResult {
    const cached = this.checks.get(entry);
    if (cached) return cached;
    const file = this.configFor(entry);
    const result = this.service.check(entry, {
      config: mergeConfigs(file.config, this.settingsConfig),
      registry: defaultRegistry,
      extraDiagnostics: file.diagnostics,
    });
    this.checks.set(entry, result);
    return result;
  }

  /** The diagnostics of document `key`: every set it belongs to, each reported once. */
  diagnosticsOf(key: string): Diagnostic[] {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const entry of this.entriesOf(key)) {
      for (const d of this.check(entry).diagnostics) {
        if ((d.uri ?? entry) !== key) continue;
        const id = JSON.stringify([d.code, d.range.start.offset, d.range.end.offset, d.message]);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(d);
      }
    }
    return out;
  }

  private configFor(entry: string): { config: CheckConfig; diagnostics: readonly Diagnostic[] } {
    let config = this.configs.get(entry);
    if (!config) {
      config =
        entry.startsWith('/') || /^[A-Za-z]:[\\/]/.test(entry)
          ? readConfigFile(entry, undefined, defaultRegistry)
          : { config: {}, diagnostics: [] };
      this.configs.set(entry, config);
    }
    return config;
  }

  private rootFor(path: string): string {
    return this.roots.find((root) => isInsideFolder(root, path)) ?? realFolder(dirname(path));
  }

  private readFromDisk(key: string): DiskRead {
    if (this.disk.has(key)) return this.disk.get(key);
    let read: DiskRead;
    if (!isPath(key) || key.startsWith(UNSAVED_ROOT)) {
      read = undefined;
    } else {
      const result = readConfinedPolicyFile(key, this.rootFor(key), MAX_FILE_BYTES);
      read = 'text' in result ? result.text : result;
    }
    this.disk.set(key, read);
    return read;
  }

  private policyFilesIn(folder: string): string[] {
    let files = this.folders.get(folder);
    if (!files) {
      try {
        files = readdirSync(folder, { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith(POLICY_EXTENSION))
          .map((e) => join(folder, e.name))
          .sort()
          .slice(0, 200);
      } catch {
        files = [];
      }
      this.folders.set(folder, files);
    }
    return files;
  }
}
