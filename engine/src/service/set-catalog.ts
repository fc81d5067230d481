/**
 * The explanation catalog of a linked set, built once per set: hovers and inlay hints ask for it
 * on every request, and a set object lives until one of its documents changes.
 */
import { catalogFromAst } from '../explain/index.js';
import type { ExplanationCatalog } from '../explain/explanation-catalog.js';
import type { LinkedSet } from './service-types.js';

const catalogs = new WeakMap<LinkedSet, ExplanationCatalog>();

export function catalogOf(set: LinkedSet): ExplanationCatalog {
  let catalog = catalogs.get(set);
  if (!catalog) {
    catalog = catalogFromAst(set.documents.map((d) => d.ast));
    catalogs.set(set, catalog);
  }
  return catalog;
}
