import type { Scope } from './scope-types.js';

/** The JSON shape of a parsed scope used by the shared conformance vectors (`normalized`). */
export type NormalizedScope =
  | {
      type: 'resource';
      level: string;
      resourceType: string;
      permissions: string;
      syntax: 'v1' | 'v2';
      query: { name: string; value: string }[];
      experimental: boolean;
    }
  | { type: 'launch' }
  | { type: 'launch-context'; contextType: string; role: string | null }
  | { type: 'identity'; name: string }
  | { type: 'refresh'; mode: 'offline' | 'online' }
  | { type: 'extension'; name: string }
  | { type: 'registration'; name: 'system/DynamicClient.register' };

/**
 * The conformance-vector JSON of a parsed scope: a fresh, mutable plain object with exactly the
 * documented members (no extra fields), safe to serialise or compare with deep equality.
 */
export function toNormalized(scope: Scope): NormalizedScope {
  switch (scope.type) {
    case 'resource':
      return {
        type: 'resource',
        level: scope.level,
        resourceType: scope.resourceType,
        permissions: scope.permissions,
        syntax: scope.syntax,
        query: scope.query.map((pair) => ({ name: pair.name, value: pair.value })),
        experimental: scope.experimental,
      };
    case 'launch':
      return { type: 'launch' };
    case 'launch-context':
      return { type: 'launch-context', contextType: scope.contextType, role: scope.role };
    case 'identity':
      return { type: 'identity', name: scope.name };
    case 'refresh':
      return { type: 'refresh', mode: scope.mode };
    case 'extension':
      return { type: 'extension', name: scope.name };
    case 'registration':
      return { type: 'registration', name: scope.name };
  }
}
