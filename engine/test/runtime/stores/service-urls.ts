/** The Redis and PostgreSQL of this machine (CI runs them too); override with the environment. */
export const REDIS_URL = process.env['SMART_POLICY_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env['SMART_POLICY_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
