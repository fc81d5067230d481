/**
 * What a command acts on. Commands are run from the palette (the active editor), from the
 * language server's code lenses (a document uri and an app class or test name) or from tests
 * (an object with the same fields), so the arguments are read defensively.
 */
import * as vscode from 'vscode';

export interface CommandTarget {
  /** Absolute path of the policy file. */
  readonly path: string;
  /** The app class (preview, grants) or the test (run tests) the command is about. */
  readonly name?: string;
  readonly locale?: string;
}

function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') {
    return value.includes('://') || value.startsWith('file:') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= 200 ? value : undefined;
}

export function commandTarget(args: readonly unknown[]): CommandTarget | undefined {
  const [first, second, third] = args;
  let uri = uriOf(first);
  // Code lenses pass (uri, name); tests and scripts may pass ({uri, name, locale}).
  let name = text(second);
  let locale = text(third);
  if (uri === undefined && typeof first === 'object' && first !== null && !(first instanceof vscode.Uri)) {
    const o = first as Record<string, unknown>;
    uri = uriOf(o['uri']);
    name = text(o['name']) ?? text(o['appClass']) ?? text(o['testName']);
    locale = text(o['locale']);
  }
  uri ??= vscode.window.activeTextEditor?.document.languageId === 'smartpolicy' ? vscode.window.activeTextEditor.document.uri : undefined;
  if (uri === undefined || uri.scheme !== 'file') return undefined;
  return {
    path: uri.fsPath,
    ...(name !== undefined ? { name } : {}),
    ...(locale !== undefined ? { locale } : {}),
  };
}

/** Shown when a command has no policy file to act on. */
export const NO_POLICY_MESSAGE = 'Open a .smartpolicy file first.';
