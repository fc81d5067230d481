/**
 * The server's settings (section `smartPolicy`): lint levels per code, the inlay-hint locale and
 * trace. Read defensively: a client may send anything.
 */
import { RULE_LEVELS, type CheckConfig, type RuleLevel } from 'smart-policy';

export interface ServerSettings {
  /** Levels per diagnostic code; they win over `smart-policy.json`. */
  readonly lint: CheckConfig;
  /** The locale inlay hints speak; `undefined`: the policy's default locale. */
  readonly inlayHintLocale: string | undefined;
  readonly inlayHints: boolean;
  readonly trace: 'off' | 'messages' | 'verbose';
}

export const DEFAULT_SETTINGS: ServerSettings = { lint: {}, inlayHintLocale: undefined, inlayHints: true, trace: 'off' };

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** A diagnostic code (`<category>.<name>`): anything else, `__proto__` included, is dropped. */
const CODE = /^[a-z]+\.[a-z0-9.-]+$/;

export function readSettings(raw: unknown): ServerSettings {
  if (raw === null || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const value = raw as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  const lint = own(value, 'lint');
  if (lint !== null && typeof lint === 'object') {
    for (const [code, level] of Object.entries(lint as Record<string, unknown>)) {
      if (CODE.test(code) && typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level))
        rules[code] = level as RuleLevel;
    }
  }
  const locale = own(value, 'inlayHintLocale');
  const trace = own(value, 'trace');
  const hints = own(value, 'inlayHints');
  return {
    lint: { rules },
    inlayHintLocale: typeof locale === 'string' && LOCALE.test(locale) ? locale : undefined,
    inlayHints: hints !== false,
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}

function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}
