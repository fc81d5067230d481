/** Test text with a `<|>` cursor marker: the text without it and the marker's offset. */
import { createLanguageService, type LanguageService } from '../../src/service/index.js';

export const CURSOR = '<|>';

export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset === -1 || marked.indexOf(CURSOR, offset + 1) !== -1) throw new Error('test text needs exactly one <|> marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length), offset };
}

/** A service over in-memory files; `marked` (with `<|>`) is opened as `/set/main.smartpolicy`. */
export function serviceAt(
  marked: string,
  others: Readonly<Record<string, string>> = {},
): { service: LanguageService; uri: string; offset: number; text: string } {
  const { text, offset } = withCursor(marked);
  const uri = '/set/main.smartpolicy';
  const service = createLanguageService({ readFile: (u) => (Object.hasOwn(others, u) ? others[u] : undefined) });
  service.open(uri, text);
  return { service, uri, offset, text };
}

/** A small valid policy set used by several feature tests. */
export const POLICY = `policy "P" {
  fhir R4
  locales en, es
  default locale en
  option search.query_restricted narrow
}
app portal "Portal apps" {
  client public
  user patient
  launch standalone
}
context {
  patient/* requires patient
}
grant portal {
  allow as labs patient/Observation.rs
  deny patient/*.cud because "read only"
}
explain Observation {
  en "your lab results"
  es "sus resultados"
}
`;
