/** Go to definition: where the app class, rule, locale, column or file under the cursor is defined. */
import type { DefinitionParams, Location } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt } from '../positions.js';
import { toLspLocation } from './navigation.js';

export function definition(context: ServerContext, params: DefinitionParams): Location[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const found = context.workspace.service.definitions(doc.key, offsetAt(doc.text, params.position), doc.entry);
  return found.map((l) => toLspLocation(context, l));
}

export function registerDefinition(context: ServerContext): void {
  context.connection.onDefinition(guarded(context, 'definition', (p: DefinitionParams) => definition(context, p)));
}
