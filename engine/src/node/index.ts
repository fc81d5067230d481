/**
 * The Node layer: everything that reads or writes files, looks at the process or drives a
 * browser. Library layers below it are pure; the CLI (and later the runtime and server) use it.
 */
export { loadPolicySet, readPolicyFileFromDisk } from './load-policy-set.js';
export { readConfinedPolicyFile, realFolder } from './read-policy-file.js';
export { loadPolicyFiles } from './load-policy-files.js';
export { compilePolicyFile } from './compile-policy-file.js';
export { runCheck, exitCodeFor, formatCheckOutput, readConfigFile, CONFIG_FILE_NAME } from './run-check.js';
export type { RunCheckOptions, RunCheckResult, CheckOutputFormat } from './run-check.js';
export { buildDocsSite } from './docs/build-docs-site.js';
export type { BuildDocsSiteOptions, DocsSiteReport } from './docs/build-docs-site.js';
export { takeScreenshots } from './docs/screenshots.js';
export type { ScreenshotJob, ScreenshotOutcome } from './docs/screenshots.js';
