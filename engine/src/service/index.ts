/** Public API of the language service: documents by uri, phases, node lookup, references. */
export { createLanguageService } from './language-service.js';
export type { LanguageService, LanguageServiceHost, DocumentReader, ParsedDocument, LinkedSet, CheckOptions } from './service-types.js';
export { nodePathAt, nodeAt, childNodes } from './node-at-offset.js';
export type { AstNode } from './node-at-offset.js';
export { buildReferenceIndex } from './reference-index.js';
export type { Location, ReferenceIndex, SymbolEntry, SymbolHit, SymbolKind } from './reference-index.js';
export { hoverAt, ruleHover } from './hover.js';
export type { HoverResult } from './hover.js';
export { grantRulesMatching } from './grant-matches.js';
export type { GrantRuleMatch } from './grant-matches.js';
