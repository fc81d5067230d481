import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { insertionPoint, refreshPaths } from '../../model/refresh-analysis.js';
import { list, rangeOf } from '../../../model/safe.js';

/**
 * OAuth 2.1 (§4.3, cited by SMART App Launch, Best Practices): for public clients the authorization server MUST
 * either sender-constrain refresh tokens or rotate them on every use (and revoke the grant on
 * reuse). The lint fires when a public client can get a refresh token that is neither bound
 * (`bind ... required`) nor rotated (`rotate on every use`).
 */
export const refreshWithoutRotation = defineRule({
  code: 'security.refresh-without-rotation',
  name: 'refresh-without-rotation',
  category: 'security',
  defaultSeverity: 'error',
  summary: 'A public client can get a refresh token that is neither rotated on every use nor bound to a key, which OAuth 2.1 forbids.',
  check(context) {
    const out: RuleFinding[] = [];
    const reported = new Set<string>();
    for (const path of refreshPaths(context)) {
      if (path.bindingRequired || path.rotates || reported.has(path.app)) continue;
      if (!path.worlds.some((w) => w.client === 'public')) continue;
      reported.add(path.app);
      const never = list(path.refresh?.node.statements).find((s) => s?.kind === 'refresh.rotate' && s.rotate === 'never');
      const range = never ? rangeOf(never) : path.grantScope.info.textRange;
      const uri = never ? path.refresh?.uri : path.grantScope.uri;
      const data: Record<string, unknown> = path.refresh
        ? {
            app: path.app,
            insert: 'rotate on every use\n  on reuse revoke grant',
            at: insertionPoint(path.refresh.node),
            uri: path.refresh.uri,
            ...(never ? { replacement: 'rotate on every use' } : {}),
          }
        : { app: path.app, insert: `refresh ${path.app} {\n  rotate on every use\n  on reuse revoke grant\n}`, newBlock: true };
      out.push(
        finding(
          range,
          `Public clients of app class "${path.app}" can get refresh tokens that are neither rotated nor key-bound (OAuth 2.1 requires one); add \`rotate on every use\` and \`on reuse revoke grant\` to \`refresh ${path.app}\`, or \`bind dpop required\`.`,
          uri,
          data,
        ),
      );
    }
    return out;
  },
});
