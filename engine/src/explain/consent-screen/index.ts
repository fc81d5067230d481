/** The consent screen as a choice: groups, the HTML page, and the scopes a submitted form approves. */
export { renderConsentScreen } from './render-consent-screen.js';
export { approvedScopes, untickedGroups } from './approved-scopes.js';
export type { ApprovedScopes } from './approved-scopes.js';
export { planRequest, classSet } from './group-request.js';
export { sensitiveTargets, isSensitiveScope } from './sensitive-data.js';
export type { SensitiveTarget } from './sensitive-data.js';
export { SCREEN_CSS } from './screen-css.js';
export type * from './screen-types.js';
