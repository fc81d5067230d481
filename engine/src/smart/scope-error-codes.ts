/**
 * Stable codes of scope syntax errors. Tools (CLI, language server quick fixes, decision
 * reasons) key on these strings, so they never change meaning once published.
 */
export const SCOPE_ERROR_CODES = {
  empty: 'scope.empty',
  whitespace: 'scope.whitespace',
  characterForbidden: 'scope.character.forbidden',
  characterInvalid: 'scope.character.invalid',
  levelUnknown: 'scope.level.unknown',
  levelMissing: 'scope.level.missing',
  resourceEmpty: 'scope.resource.empty',
  resourceUnknown: 'scope.resource.unknown',
  resourceAbstract: 'scope.resource.abstract',
  resourceCase: 'scope.resource.case',
  resourceWildcard: 'scope.resource.wildcard',
  permissionsMissing: 'scope.permissions.missing',
  permissionsEmpty: 'scope.permissions.empty',
  permissionsOrder: 'scope.permissions.order',
  permissionsDuplicate: 'scope.permissions.duplicate',
  permissionsUnknownLetter: 'scope.permissions.unknown-letter',
  permissionsUnknownWord: 'scope.permissions.unknown-word',
  queryEmpty: 'scope.query.empty',
  queryPairEmpty: 'scope.query.pair-empty',
  queryNameEmpty: 'scope.query.name-empty',
  queryNameInvalid: 'scope.query.name-invalid',
  queryValueEmpty: 'scope.query.value-empty',
  queryMissingEquals: 'scope.query.missing-equals',
  queryAfterV1: 'scope.query.after-v1',
  queryEncoding: 'scope.query.encoding',
  launchTypeEmpty: 'scope.launch.type-empty',
  launchUppercase: 'scope.launch.uppercase',
  launchTypeInvalid: 'scope.launch.type-invalid',
  launchTypeUnknown: 'scope.launch.type-unknown',
  launchQueryInvalid: 'scope.launch.query-invalid',
  launchRoleEmpty: 'scope.launch.role-empty',
  launchRoleRepeated: 'scope.launch.role-repeated',
  extensionEmpty: 'scope.extension.empty',
  unrecognised: 'scope.unrecognised',
  listLeadingSpace: 'scope.list.leading-space',
  listTrailingSpace: 'scope.list.trailing-space',
  listDoubleSpace: 'scope.list.double-space',
  uriNamespace: 'scope.uri.namespace',
} as const;

/** One of the stable scope error codes. */
export type ScopeErrorCode = (typeof SCOPE_ERROR_CODES)[keyof typeof SCOPE_ERROR_CODES];
