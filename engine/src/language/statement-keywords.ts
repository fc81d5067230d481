/** What each block accepts, in words: the messages and `data.expected` of unknown statements. */

/** Human words for the statements each block accepts (messages and `data.expected`). */
export const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  file: ['import', 'policy', 'app', 'grant', 'context', 'refresh', 'registration', 'explain', 'phrasebook', 'test'],
  policy: ['fhir', 'locales', 'default locale', 'option', 'revoke_uri'],
  app: ['client', 'auth', 'registration', 'client_id', 'software_id', 'user', 'launch'],
  grant: ['allow', 'deny'],
  context: ['<scope pattern> requires', 'token carries', 'introspection echoes'],
  refresh: ['offline_access', 'online_access', 'lifetime', 'idle', 'rotate', 'on reuse', 'bind', 'grace', 'remind'],
  registration: ['software_id', 'initial_token', 'algorithms', 'instance lifetime', 'instances per user'],
  explain: ['<locale> "text"', 'where'],
  where: ['<locale> "text"'],
  phrasebook: ['message', 'wildcard', 'jargon', 'possessive'],
  test: ['token', 'access', 'expect'],
  token: ['app', 'client_id', 'grant', 'launch', 'user', 'scope', 'previous scope', 'context', 'bound by'],
  access: ['scope', 'context', 'request', 'resource'],
};

export const BLOCK_WORDS: Readonly<Record<string, string>> = {
  file: 'At the top level a file holds',
  policy: 'A policy block holds',
  app: 'An app block holds',
  grant: 'A grant block holds',
  context: 'A context block holds',
  refresh: 'A refresh block holds',
  registration: 'A registration block holds',
  explain: 'An explain block holds',
  where: 'A where block holds',
  phrasebook: 'A phrasebook block holds',
  test: 'A test holds',
  token: 'A token request holds',
  access: 'An access request holds',
};
