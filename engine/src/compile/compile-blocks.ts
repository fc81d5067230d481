/**
 * One function per declaration kind: AST block → bundle entries. Each gets the file's (relative)
 * URI for spans. They validate nothing: the compiler calls them only after the checker's
 * refusal rules (`model/compile-refusals.ts`) found nothing.
 */
import type {
  AppBlock,
  ContextBlock,
  ExplainBlock,
  ExplainText,
  GrantBlock,
  RefreshBlock,
  RegistrationBlock,
  ScopeRef,
} from '../language/ast.js';
import type { ScopeParseResult } from '../smart/scope-types.js';
import { formatScope } from '../smart/format-scope.js';
import { parseScope } from '../smart/parse-scope.js';
import type {
  BundleApp,
  BundleContextFields,
  BundleContextRequirement,
  BundleExplanation,
  BundleGrant,
  BundleRefreshPolicy,
  BundleRegistrationPolicy,
  ClientType,
  ContextNeed,
  ExplanationText,
  LaunchMode,
  RefreshBindingMethod,
  RegistrationKind,
  UserType,
} from './bundle-types.js';
import { compileCondition } from './compile-condition.js';
import type { GrantIds } from './grant-ids.js';
import { spanOf } from './source-span.js';

function words<T extends string>(choices: readonly { value: T | undefined }[]): T[] {
  return choices.flatMap((c) => (c.value !== undefined ? [c.value] : []));
}

function addUnique<T>(list: T[], items: readonly T[]): void {
  for (const item of items) if (!list.includes(item)) list.push(item);
}

export function compileApp(block: AppBlock, uri: string): BundleApp {
  const clientTypes: ClientType[] = [];
  const authMethods: string[] = [];
  const registration: RegistrationKind[] = [];
  const clientIds: string[] = [];
  const softwareIds: string[] = [];
  const userTypes: UserType[] = [];
  const launch: LaunchMode[] = [];
  for (const s of block.statements) {
    switch (s.kind) {
      case 'app.client':
        addUnique(clientTypes, words(s.values));
        break;
      case 'app.auth':
        addUnique(authMethods, words(s.values));
        break;
      case 'app.registration':
        addUnique(registration, words(s.values));
        break;
      case 'app.client-id':
        addUnique(
          clientIds,
          s.values.map((v) => v.value),
        );
        break;
      case 'app.software-id':
        addUnique(
          softwareIds,
          s.values.map((v) => v.value),
        );
        break;
      case 'app.user':
        addUnique(userTypes, words(s.values));
        break;
      case 'app.launch':
        addUnique(launch, words(s.values));
        break;
    }
  }
  const name = block.name.text;
  // The title is what people are shown for the class (consent screens, docs), never the name.
  const title =
    block.title !== undefined && block.title.missing !== true && block.title.value.trim() !== '' ? block.title.value : undefined;
  return {
    id: `app:${name}`,
    name,
    ...(title !== undefined ? { title } : {}),
    clientTypes,
    authMethods,
    registration,
    clientIds,
    softwareIds,
    userTypes,
    launch,
    span: spanOf(uri, block.range),
  };
}

/**
 * Grant rules, one per scope; `ids` numbers an app's rules across all its grant blocks. A scope
 * that does not parse is left out: `semantic.invalid-scope` / `semantic.unknown-resource-type`
 * have refused the set before it gets here. `parsedScope` gives the checker's parse of a scope
 * (so the compiler does not parse it again).
 */
export function compileGrant(
  block: GrantBlock,
  uri: string,
  ids: GrantIds,
  parsedScope: (ref: ScopeRef) => ScopeParseResult = (ref) => parseScope(ref.text),
): BundleGrant[] {
  const app = block.app.text;
  const out: BundleGrant[] = [];
  for (const rule of block.rules) {
    const when = rule.condition !== undefined ? compileCondition(rule.condition) : undefined;
    const name = rule.name !== undefined && rule.name.missing !== true ? rule.name.text : undefined;
    const scopesInRule = rule.scopes.filter((r) => r.missing !== true).length;
    for (const ref of rule.scopes) {
      if (ref.missing === true) continue;
      const parsed = parsedScope(ref);
      if (!parsed.ok) continue;
      out.push({
        id: ids.next({
          app,
          effect: rule.effect,
          ...(name !== undefined ? { name } : {}),
          scope: formatScope(parsed.scope),
          scopesInRule,
          ...(when !== undefined ? { when } : {}),
        }),
        app,
        effect: rule.effect,
        scope: ref.text,
        ...(rule.because !== undefined ? { reason: rule.because.value } : {}),
        ...(when !== undefined ? { when } : {}),
        span: spanOf(uri, ref.range),
      });
    }
  }
  return out;
}

export interface CompiledContext {
  readonly requirements: BundleContextRequirement[];
  readonly tokenCarries: BundleContextFields[];
  readonly introspectionEchoes: BundleContextFields[];
}

export function compileContext(block: ContextBlock, uri: string, nextId: () => string, into: CompiledContext): void {
  const app = block.app?.text;
  const appPart = app !== undefined ? { app } : {};
  for (const s of block.statements) {
    if (s.kind === 'context.requires') {
      if (s.pattern.missing === true) continue;
      const requires: ContextNeed[] = s.requirements.flatMap((item): ContextNeed[] => {
        const p = item.parameter.value;
        if (p === 'patient' || p === 'encounter') return [{ kind: p }];
        if (p === 'fhirContext' && item.resourceType !== undefined) {
          return [{ kind: 'fhirContext', type: item.resourceType.text, ...(item.role !== undefined ? { role: item.role.value } : {}) }];
        }
        return [];
      });
      into.requirements.push({ id: nextId(), ...appPart, pattern: s.pattern.text, requires, span: spanOf(uri, s.range) });
    } else if (s.kind === 'context.token-carries') {
      into.tokenCarries.push({ ...appPart, fields: s.fields.map((f) => f.text), span: spanOf(uri, s.range) });
    } else {
      into.introspectionEchoes.push({ ...appPart, fields: s.fields.map((f) => f.text), span: spanOf(uri, s.range) });
    }
  }
}

/** A refresh block; statements not written take the safe defaults documented on `BundleRefreshPolicy`. */
export function compileRefresh(block: RefreshBlock, uri: string): BundleRefreshPolicy {
  const app = block.app.text;
  const p: { -readonly [K in keyof BundleRefreshPolicy]: BundleRefreshPolicy[K] } = {
    id: `refresh:${app}`,
    app,
    offline: false,
    online: false,
    lifetime: null,
    idle: null,
    rotate: 'every-use',
    reuse: 'revoke-grant',
    binding: { methods: [], required: false },
    graceSeconds: 0,
    remindEvery: null,
    reminderCap: null,
    span: spanOf(uri, block.range),
  };
  for (const s of block.statements) {
    switch (s.kind) {
      case 'refresh.access': {
        const when = s.allowed && s.condition !== undefined ? compileCondition(s.condition) : undefined;
        if (s.mode === 'offline') {
          p.offline = s.allowed;
          if (when !== undefined) p.offlineWhen = when;
          else delete p.offlineWhen;
        } else {
          p.online = s.allowed;
          if (when !== undefined) p.onlineWhen = when;
          else delete p.onlineWhen;
        }
        break;
      }
      case 'refresh.lifetime':
        p.lifetime = s.duration.seconds;
        break;
      case 'refresh.idle':
        p.idle = s.duration.seconds;
        break;
      case 'refresh.rotate':
        p.rotate = s.rotate;
        break;
      case 'refresh.reuse':
        p.reuse = s.action;
        break;
      case 'refresh.bind': {
        const methods = s.bindings.flatMap((b): RefreshBindingMethod[] =>
          b.value === 'dpop' || b.value === 'client-key' ? [b.value] : [],
        );
        p.binding = { methods, required: s.required && methods.length > 0 };
        break;
      }
      case 'refresh.grace':
        p.graceSeconds = s.duration.seconds;
        break;
      case 'refresh.remind-every':
        p.remindEvery = s.duration.seconds;
        break;
      case 'refresh.remind-cap':
        p.reminderCap = { count: s.count.value, perSeconds: s.per.seconds };
        break;
    }
  }
  return p;
}

/**
 * A registration block. The initial access token is single-use whether or not the statement is
 * written (persistent-access proposal, step 2: one registration per token); the statement documents it.
 */
export function compileRegistration(block: RegistrationBlock, uri: string): BundleRegistrationPolicy {
  const app = block.app.text;
  const p: { -readonly [K in keyof BundleRegistrationPolicy]: BundleRegistrationPolicy[K] } = {
    id: `registration:${app}`,
    app,
    softwareIds: [],
    initialTokenMaxAge: null,
    initialTokenSingleUse: true,
    algorithms: [],
    instanceLifetime: null,
    instancesPerUser: null,
    span: spanOf(uri, block.range),
  };
  const softwareIds: string[] = [];
  const algorithms: string[] = [];
  for (const s of block.statements) {
    switch (s.kind) {
      case 'registration.software-id':
        addUnique(
          softwareIds,
          s.values.map((v) => v.value),
        );
        break;
      case 'registration.initial-token-max-age':
        p.initialTokenMaxAge = s.duration.seconds;
        break;
      case 'registration.initial-token-single-use':
        p.initialTokenSingleUse = true;
        break;
      case 'registration.algorithms':
        addUnique(
          algorithms,
          s.values.map((v) => v.text),
        );
        break;
      case 'registration.instance-lifetime':
        p.instanceLifetime = s.duration.seconds;
        break;
      case 'registration.instances-per-user':
        p.instancesPerUser = s.count.value;
        break;
    }
  }
  p.softwareIds = softwareIds;
  p.algorithms = algorithms;
  return p;
}

/** Locale → text from `explain.text` statements (short and long forms merged per locale). */
function textsOf(statements: readonly ExplainText[], uri: string): Record<string, ExplanationText> {
  const out: Record<string, { -readonly [K in keyof ExplanationText]: ExplanationText[K] }> = {};
  for (const t of statements) {
    const locale = t.locale.text;
    const entry = (out[locale] ??= { short: '' });
    const audiences = (t.audiences ?? []).map((a) => a.value).filter((a): a is NonNullable<typeof a> => a !== undefined);
    if (audiences.length > 0) {
      // A text for some readers only: kept beside the general one, per audience.
      const variants = { ...(entry.variants ?? {}) } as Record<string, Record<string, unknown>>;
      for (const audience of audiences) {
        const v = { ...(variants[audience] ?? {}) };
        if (t.form?.value === 'long') Object.assign(v, { long: t.text.value, longSpan: spanOf(uri, t.range) });
        else Object.assign(v, { short: t.text.value, span: spanOf(uri, t.range) });
        if (t.gender?.value !== undefined) v['gender'] = t.gender.value;
        if (t.number?.value !== undefined) v['number'] = t.number.value;
        variants[audience] = v;
      }
      entry.variants = variants as NonNullable<ExplanationText['variants']>;
      continue;
    }
    if (t.form?.value === 'long') {
      entry.long = t.text.value;
      entry.longSpan = spanOf(uri, t.range);
    } else {
      entry.short = t.text.value;
      entry.span = spanOf(uri, t.range);
    }
    if (t.gender?.value !== undefined) entry.gender = t.gender.value;
    if (t.number?.value !== undefined) entry.number = t.number.value;
  }
  return out;
}

export function compileExplanation(block: ExplainBlock, uri: string): BundleExplanation {
  const texts = textsOf(
    block.statements.filter((s): s is ExplainText => s.kind === 'explain.text'),
    uri,
  );
  const queries = block.statements.flatMap((s) =>
    s.kind === 'explain.where'
      ? [
          {
            param: s.param.text,
            value: s.value.text,
            ...(s.sensitive === true ? { sensitive: true as const } : {}),
            texts: textsOf(s.texts, uri),
            span: spanOf(uri, s.range),
          },
        ]
      : [],
  );
  return {
    target: block.target.text,
    ...(block.sensitive === true ? { sensitive: true as const } : {}),
    texts,
    queries,
    span: spanOf(uri, block.range),
  };
}
