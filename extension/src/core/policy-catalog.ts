/** The explanation catalog of a policy set as the editor holds it (unsaved edits included). */
import { catalogFromAst, type ExplanationCatalog, type LanguageService } from 'smart-policy';

export function policyCatalog(service: LanguageService, entry: string): ExplanationCatalog {
  return catalogFromAst(service.linked(entry).documents.map((d) => d.ast));
}
