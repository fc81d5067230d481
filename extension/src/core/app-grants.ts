/**
 * "What can this app get?": the scopes an app class may be granted, each with the short and long
 * explanation a person would read, and what the policy denies it, as a Markdown document.
 */
import { explain, type ExplanationCatalog } from 'smart-policy';

export interface AppGrantsRequest {
  readonly appClass: string;
  readonly locale?: string;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

export function appGrantsMarkdown(catalog: ExplanationCatalog, request: AppGrantsRequest): string {
  const app = (catalog.appClasses ?? []).find((a) => a.name === request.appClass);
  if (app === undefined) return `# No app class '${escapeMarkdown(request.appClass)}'\n`;
  const locale = request.locale !== undefined && catalog.locales.includes(request.locale) ? request.locale : catalog.defaultLocale;
  const lines = [`# What can \`${app.name}\` get?`, ''];
  if (app.label !== undefined) lines.push(`_${escapeMarkdown(app.label)}_`, '');
  lines.push(`Locale: \`${locale}\` · readers: ${app.audience}`, '');
  if (app.allowed.length === 0) {
    lines.push('The policy allows this app class no scope.');
  } else {
    const explained = explain(app.allowed, { locale, catalog, appClass: app.name });
    lines.push(`## Grantable scopes (${app.allowed.length})`, '');
    for (const scope of explained.scopes) {
      lines.push(`- \`${scope.scope}\` — **${escapeMarkdown(scope.short)}**`);
      if (scope.long !== '' && scope.long !== scope.short) lines.push(`  ${escapeMarkdown(scope.long)}`);
      if (scope.unreachable) lines.push(`  _Never granted: ${escapeMarkdown(scope.unreachable.reason)}_`);
    }
    if (explained.summary.length > 0) {
      lines.push('', '## As the consent screen sums it up', '');
      for (const line of explained.summary) lines.push(`- ${escapeMarkdown(line.text)}`);
    }
  }
  if (app.denied.length > 0) {
    lines.push('', `## Denied (${app.denied.length})`, '');
    for (const d of app.denied) lines.push(`- \`${d.scope}\`${d.reason !== undefined ? ` — ${escapeMarkdown(d.reason)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
