/** Quick picks shared by the commands: an app class, a locale, and both for a command's target. */
import * as vscode from 'vscode';
import type { ExplanationCatalog } from 'smart-policy';
import { commandTarget, NO_POLICY_MESSAGE } from './command-target.js';
import { policyCatalog } from './core/policy-catalog.js';
import type { PolicyWorkspace } from './core/policy-workspace.js';

/** What a command about one app class in one locale works on. */
export interface AppView {
  readonly entry: string;
  readonly catalog: ExplanationCatalog;
  readonly appClass: string;
  readonly locale: string;
}

/**
 * The policy set, app class and locale a command's arguments name (or the user picks); undefined
 * when there is no policy (a warning is shown) or the user dismisses a pick.
 */
export async function pickAppView(workspace: PolicyWorkspace, args: readonly unknown[]): Promise<AppView | undefined> {
  const target = commandTarget(args);
  if (target === undefined) return void vscode.window.showWarningMessage(NO_POLICY_MESSAGE);
  const entry = workspace.entryFor(target.path);
  const catalog = policyCatalog(workspace.serviceFor(entry), entry);
  const appClass = await pickAppClass(catalog, target.name);
  if (appClass === undefined) return undefined;
  const locale = await pickLocale(catalog, target.locale);
  if (locale === undefined) return undefined;
  return { entry, catalog, appClass, locale };
}

export async function pickAppClass(catalog: ExplanationCatalog, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  const classes = catalog.appClasses ?? [];
  if (classes.length === 0) {
    void vscode.window.showWarningMessage('The policy set declares no app class.');
    return undefined;
  }
  if (classes.length === 1) return classes[0]?.name;
  const picked = await vscode.window.showQuickPick(
    classes.map((a) => ({
      label: a.name,
      description: a.label ?? '',
      detail: `${a.allowed.length} allowed scope(s), read by ${a.audience}`,
    })),
    { title: 'App class', placeHolder: 'Which app class?', matchOnDescription: true },
  );
  return picked?.label;
}

export async function pickLocale(catalog: ExplanationCatalog, given: string | undefined): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration('smartPolicy').get<string>('preview.locale') ?? '';
  const wanted = given ?? (configured !== '' ? configured : undefined);
  if (wanted !== undefined && catalog.locales.includes(wanted)) return wanted;
  if (catalog.locales.length <= 1) return catalog.defaultLocale;
  const picked = await vscode.window.showQuickPick(
    catalog.locales.map((l) => ({ label: l, description: l === catalog.defaultLocale ? 'default' : '' })),
    { title: 'Locale', placeHolder: 'In which language?' },
  );
  return picked?.label;
}
