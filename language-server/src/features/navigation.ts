/** Shared by definition, references and rename: engine locations as LSP locations. */
import type { Location } from 'vscode-languageserver';
import type { SourceLocation } from 'smart-policy';
import type { ServerContext } from '../context.js';
import { toLspRange } from '../positions.js';

export function toLspLocation(context: ServerContext, location: SourceLocation): Location {
  return { uri: context.workspace.uriOf(location.uri), range: toLspRange(location.range) };
}
