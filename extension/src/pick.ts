/** Quick picks shared by the commands: an app class, a locale. */
import * as vscode from 'vscode';
import type { ExplanationCatalog } from 'smart-policy';

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
