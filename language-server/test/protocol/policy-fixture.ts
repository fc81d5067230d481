/** The repository's patient-portal policy set, as protocol and editor tests open it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PORTAL_DIR = fileURLToPath(new URL('../../../policies/patient-portal/', import.meta.url));
export const PORTAL_ROOT_URI = pathToFileURL(PORTAL_DIR).href;

export function portalFile(name: string): { uri: string; text: string } {
  const path = `${PORTAL_DIR}${name}`;
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** The LSP position of the first occurrence of `needle` (plus `shift` characters) in `text`. */
export function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`fixture text lacks ${needle}`);
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
