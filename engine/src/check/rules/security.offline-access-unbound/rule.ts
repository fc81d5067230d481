import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { insertionPoint, refreshPaths } from '../../model/refresh-analysis.js';

/**
 * Public clients hold their refresh token in a browser or on a device, where it can be stolen.
 * SMART's best practices and RFC 9449 say: bind it to a key the client holds (DPoP, or a
 * per-device client key). The lint fires when a public client can get `offline_access` in a
 * request that is not bound (`bound by ...` in the condition) and the refresh block does not
 * say `bind dpop required` (or `client-key`).
 */
export const offlineAccessUnbound = defineRule({
  code: 'security.offline-access-unbound',
  name: 'offline-access-unbound',
  category: 'security',
  defaultSeverity: 'warning',
  summary:
    'offline_access can be granted to a public client without binding the refresh token to a key (DPoP or client key), so a stolen refresh token keeps working.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const path of refreshPaths(context)) {
      if (path.mode !== 'offline' || path.bindingRequired) continue;
      const exposed = path.worlds.filter((w) => w.client === 'public' && w.bound === 'none');
      if (exposed.length === 0) continue;
      const data: Record<string, unknown> = path.refresh
        ? { app: path.app, insert: 'bind dpop required', at: insertionPoint(path.refresh.node), uri: path.refresh.uri }
        : {
            app: path.app,
            insert: `refresh ${path.app} {\n  bind dpop required\n  rotate on every use\n  on reuse revoke grant\n}`,
            newBlock: true,
          };
      out.push(
        finding(
          path.grantScope.info.textRange,
          `App class "${path.app}" can give offline_access to public clients without key binding; add \`bind dpop required\` to \`refresh ${path.app}\`, or allow offline_access only \`when bound by dpop\`.`,
          path.grantScope.uri,
          data,
        ),
      );
    }
    return out;
  },
});
