/** Find references: every use of the named thing under the cursor, across the policy set's files. */
import type { Location, ReferenceParams } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt } from '../positions.js';
import { toLspLocation } from './navigation.js';

export function references(context: ServerContext, params: ReferenceParams): Location[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const found = context.workspace.service.references(doc.key, offsetAt(doc.text, params.position), {
    entryUri: doc.entry,
    includeDefinitions: params.context.includeDeclaration,
  });
  return found.map((l) => toLspLocation(context, l));
}

export function registerReferences(context: ServerContext): void {
  context.connection.onReferences(guarded(context, 'references', (p: ReferenceParams) => references(context, p)));
}
