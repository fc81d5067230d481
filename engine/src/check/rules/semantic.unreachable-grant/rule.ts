import type { Condition, IsCondition } from '../../../language/ast.js';
import type { Range } from '../../../language/range.js';
import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import type { AppFacts, World } from '../../../model/request-worlds.js';
import { worldsWhere } from '../../../model/request-worlds.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';
import { scopeInfo } from '../../../model/scope-info.js';
import { droppedEverywhere } from '../../model/built-in-drops.js';
import { conditionKey } from '../../model/condition-key.js';

/**
 * A grant rule (or a refresh `allowed when`) whose condition no request of its app class can
 * satisfy — `user is practitioner` for an app class of patients, `launch is ehr` for a
 * standalone-only class, contradictory tests — and patient-level scopes allowed to an app class
 * that only makes backend-services requests (`user none`: no patient is ever in context).
 */
export const unreachableGrant = defineRule({
  code: 'semantic.unreachable-grant',
  name: 'unreachable-grant',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'A grant rule, scope or policy block can never apply: its condition contradicts the app class or itself, the token evaluator never grants the scope to any request of the app class, or it sets registration limits for an app class without trusted dynamic registration.',
  check(context) {
    const out: RuleFinding[] = [];
    const dropMemo = new Map<string, ReturnType<typeof droppedEverywhere>>();
    const analyse = (
      app: string | undefined,
      condition: Condition | undefined,
      uri: string | undefined,
      what: string,
    ): World[] | undefined => {
      if (app === undefined || !context.index.appByName.has(app)) return undefined;
      const facts = context.appFacts(app);
      const worlds = context.worldsWhere(app, undefined) ?? [];
      const reachable = context.worldsWhere(app, condition);
      if (reachable === undefined || !condition || reachable.length > 0 || worlds.length === 0) return reachable as World[] | undefined;
      const culprit = leaves(condition).find((leaf) => worldsWhere(leaf, worlds)?.length === 0);
      const range: Range = rangeOf(culprit ?? condition);
      const why = culprit ? explainLeaf(culprit, app, facts) : 'its tests contradict each other';
      out.push(
        finding(range, `This ${what} can never apply: ${why}. Fix the condition or the app class, or remove the rule.`, uri, {
          app,
          ...(culprit ? { subject: culprit.subject } : {}),
        }),
      );
      return reachable as World[];
    };
    for (const { node, uri } of context.index.grants) {
      const app = textOf(node.app);
      for (const rule of list(node.rules)) {
        if (!rule || typeof rule !== 'object') continue;
        const reachable = analyse(app, rule.condition, uri, `${rule.effect === 'deny' ? 'deny' : 'allow'} rule`);
        if (rule.effect !== 'allow' || !reachable || reachable.length === 0) continue;
        const backendOnly = reachable.every((w) => w.user === 'none');
        for (const ref of list(rule.scopes)) {
          const info = scopeInfo(ref);
          if (!info?.parsed.ok) continue;
          const scope = info.parsed.scope;
          if (backendOnly && scope.type === 'resource' && scope.level === 'patient') {
            const replacement = info.text.replace(/^patient\//, 'system/');
            out.push(
              finding(
                info.textRange,
                `"${info.text}" is a patient-level scope, but app class "${app}" only makes backend-services requests (user none, client_credentials), where no patient is in context; use a system/ scope such as "${replacement}".`,
                uri,
                {
                  app,
                  scope: info.text,
                  replacement,
                },
              ),
            );
            continue;
          }
          if (scope.type === 'registration' && !context.appFacts(app).trustedDynamic) {
            out.push(
              finding(
                info.textRange,
                `"${info.text}" is only granted to app classes with \`registration trusted-dynamic\`, which "${app}" does not declare; add it to the app class or remove the scope.`,
                uri,
                { app, scope: info.text, remove: true },
              ),
            );
            continue;
          }
          // Many rules share a condition and scope: judge each (condition, scope) pair once.
          const memoKey = `${app}\u0000${conditionKey(rule.condition)}\u0000${info.text}`;
          if (!dropMemo.has(memoKey)) dropMemo.set(memoKey, droppedEverywhere(scope, reachable));
          const dropped = dropMemo.get(memoKey);
          if (dropped) {
            out.push(
              finding(
                info.textRange,
                `"${info.text}" is never granted to app class "${app}": ${dropped.reason}. Remove it, or change the app class or the rule's condition.`,
                uri,
                { app, scope: info.text, evaluatorRule: dropped.rule, remove: true },
              ),
            );
          }
        }
      }
    }
    // Registration policies only apply to trusted dynamic registration (the persistent-access proposal).
    for (const { node, uri } of context.index.registrations) {
      const app = textOf(node.app);
      const declared = app === undefined ? undefined : context.index.appByName.get(app);
      if (!declared || context.appFacts(app).trustedDynamic) continue;
      out.push(
        finding(
          rangeOf(node.app),
          `This registration block can never apply: app class "${app}" does not allow trusted dynamic registration; add \`registration trusted-dynamic\` to \`app ${app}\`, or remove the block.`,
          uri,
          {
            app,
            insert: 'registration trusted-dynamic',
            at: beforeClosingBrace(rangeOf(declared.node).end),
            uri: declared.uri,
          },
        ),
      );
    }
    for (const { node, uri } of context.index.refreshes) {
      const app = textOf(node.app);
      for (const st of list(node.statements)) {
        if (st?.kind === 'refresh.access' && st.allowed && st.condition)
          analyse(app, st.condition, uri, `${st.mode === 'online' ? 'online' : 'offline'}_access condition`);
      }
    }
    return out;
  },
});

function beforeClosingBrace(end: { line: number; column: number; offset: number }): { line: number; column: number; offset: number } {
  return { line: end.line, column: Math.max(1, end.column - 1), offset: Math.max(0, end.offset - 1) };
}

function leaves(condition: Condition): IsCondition[] {
  switch (condition?.kind) {
    case 'cond.is':
      return [condition];
    case 'cond.and':
    case 'cond.or':
      return list(condition.operands).flatMap(leaves);
    default:
      // Under `not`, a leaf that never holds makes the negation always hold: not a culprit.
      return [];
  }
}

function explainLeaf(leaf: IsCondition, app: string, facts: AppFacts): string {
  const wanted = list(leaf.values as readonly { text?: string }[])
    .map((v) => v?.text ?? '')
    .join(', ');
  switch (leaf.subject) {
    case 'user':
      return `app class "${app}" has users ${facts.users.join(', ')}, never ${wanted}`;
    case 'launch':
      return `app class "${app}" launches ${facts.launches.join(', ')} only${facts.users.every((u) => u === 'none') ? ' (and backend services never launch)' : ''}, never ${wanted}`;
    case 'client':
      return `app class "${app}" has clients ${facts.clients.join(', ')}, never ${wanted}`;
    case 'grant':
      return `app class "${app}" never uses the ${wanted} grant (client_credentials needs user none and a confidential client; jwt_bearer needs registration trusted-dynamic)`;
    default:
      return `no request of app class "${app}" is ${leaf.subject} ${wanted}`;
  }
}
