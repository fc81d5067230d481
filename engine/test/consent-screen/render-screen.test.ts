/**
 * The consent screen's HTML: what it must show (app identity from the registration or the
 * class label, never the internal id; the signed-in person with "Not you?"; risky and sensitive
 * choices set apart with text badges; the end date; the revoke link; app links), that it is a
 * plain form POST, that every dynamic value is escaped and only https links are rendered, the
 * developer page of backend classes, and that it never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderConsentScreen } from '../../src/explain/index.js';
import type { ConsentScreenInput } from '../../src/explain/index.js';
import { API, EHR, NOW, PORTAL, allowedOf, examplePolicy } from './helpers.js';

const portal = examplePolicy(PORTAL);
const base: ConsentScreenInput = {
  bundle: portal,
  appClass: 'patient_apps',
  request: { scopes: allowedOf(portal, 'patient_apps') },
  now: NOW,
};

/** Text of the page without tags (entities kept), for "is it said" checks. */
function text(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
}

describe('consent screen content', () => {
  it('names the app by its class label, never by the internal id', () => {
    const screen = renderConsentScreen(base);
    expect(screen.html).toContain('Apps patients use for their own record');
    expect(text(screen.html)).not.toContain('patient_apps');
    expect(screen.html).toContain('This app wants to use your health record');
  });

  it('shows the registered name, logo and publisher', () => {
    const screen = renderConsentScreen({
      ...base,
      app: { name: 'Pill Pal', publisher: 'Acme Health', logoUri: 'https://acme.example/logo.png' },
    });
    expect(screen.html).toContain('Pill Pal wants to use your health record');
    expect(screen.html).toContain('Made by Acme Health');
    expect(screen.html).toContain('<img src="https://acme.example/logo.png"');
  });

  it('shows who is signed in with a way out', () => {
    const button = renderConsentScreen({ ...base, user: { displayName: 'Ana Díaz' } }).html;
    expect(button).toContain('Signed in as <strong>Ana Díaz</strong>');
    expect(button).toMatch(/<button type="submit" name="decision" value="switch-user"[^>]*>Not you\?/);
    const linked = renderConsentScreen({ ...base, user: { displayName: 'Ana', switchUserUri: 'https://portal.example/switch' } }).html;
    expect(linked).toContain('<a href="https://portal.example/switch">Not you?');
  });

  it('gives the end of access as a localized date from the refresh lifetime', () => {
    const en = renderConsentScreen({ ...base, request: { scopes: 'launch/patient patient/Observation.rs offline_access' } });
    expect(en.access).toEqual({ until: '2026-05-30T12:00:00.000Z', idleSeconds: 30 * 86_400, offline: true });
    expect(en.html).toContain('Access lasts until May 30, 2026 at the latest.');
    expect(en.html).toContain('not used for 30 days');
    const es = renderConsentScreen({ ...base, locale: 'es', request: { scopes: 'launch/patient patient/Observation.rs offline_access' } });
    expect(es.html).toContain('hasta el 30 de mayo de 2026');
    const short = renderConsentScreen({ ...base, request: { scopes: 'launch/patient patient/Observation.rs' } });
    expect(short.access?.offline).toBe(false);
    expect(short.html).toContain('Access ends 1 hour after you allow it');
  });

  it('links the policy’s revoke page, and the app’s privacy policy and terms', () => {
    const screen = renderConsentScreen({
      ...base,
      app: { privacyPolicyUri: 'https://acme.example/privacy', termsUri: 'https://acme.example/terms' },
    });
    expect(screen.html).toContain('href="https://portal.riverside-health.example/settings/connected-apps"');
    expect(screen.html).toContain('<a href="https://acme.example/privacy">Privacy policy of the app</a>');
    expect(screen.html).toContain('<a href="https://acme.example/terms">Terms of use of the app</a>');
  });

  it('sets write, delete, offline and everything apart with text badges', () => {
    const anything = {
      ...portal,
      grants: [
        ...portal.grants,
        { id: 'grant:patient_apps#99', app: 'patient_apps', effect: 'allow' as const, scope: 'patient/*.cruds', span: portal.policy.span },
      ],
    };
    const screen = renderConsentScreen({
      ...base,
      bundle: { ...anything, grants: anything.grants.filter((g) => g.effect === 'allow') },
      request: { scopes: 'launch/patient patient/*.cruds offline_access' },
    });
    const risky = screen.html.slice(screen.html.indexOf('<section class="risky"'));
    for (const badge of [
      'Can add or change records',
      'Can delete records',
      'Keeps access when you are away',
      'All kinds of data, including new ones',
    ])
      expect(risky).toContain(badge);
    expect(screen.groups.filter((g) => g.risks.length > 0).map((g) => g.id)).toEqual([
      'read:patient/*',
      'change:patient/*',
      'delete:patient/*',
      'offline',
    ]);
  });

  it('asks a separate, unticked opt-in for sensitive data', () => {
    const api = examplePolicy(API);
    const screen = renderConsentScreen({
      bundle: api,
      appClass: 'patient_access',
      request: { scopes: allowedOf(api, 'patient_access') },
      now: NOW,
    });
    const section = screen.html.slice(screen.html.indexOf('<section class="sensitive"'));
    expect(section).toMatch(/<input type="checkbox" id="choice-\d+" name="group" value="read:patient\/Observation" aria-describedby/);
    expect(section).toContain('>Sensitive<');
  });

  it('never offers a checkbox for required groups, and posts a plain form', () => {
    const screen = renderConsentScreen(base);
    const required = screen.groups.filter((g) => g.required);
    expect(required.map((g) => g.id)).toEqual(['required']);
    expect(screen.html).not.toContain('value="required"');
    expect(screen.html).toContain('<form id="consent-form" method="post"');
    expect(screen.html).toMatch(/<button type="submit" class="allow" name="decision" value="allow">/);
    expect(screen.html).toMatch(/<button type="submit" class="deny" name="decision" value="deny">/);
    const boxes = screen.html.match(/type="checkbox"/g) ?? [];
    expect(boxes.length).toBe(screen.groups.filter((g) => !g.required).length);
  });

  it('leaves out what the class may not get or what the policy makes unreachable, and says so', () => {
    const screen = renderConsentScreen({
      ...base,
      request: { scopes: 'launch/patient patient/Observation.rs patient/Device.rs patient/Observation.cud x!' },
    });
    expect(screen.omitted).toEqual([
      { scope: 'patient/Device.rs', reason: 'unreachable' },
      { scope: 'patient/Observation.cud', reason: 'not-allowed' },
      { scope: 'x!', reason: 'invalid' },
    ]);
    expect(screen.html).toContain('asked for 3 things this service does not give');
  });

  it('shows backend-only classes a developer page without buttons', () => {
    const ehr = examplePolicy(EHR);
    const screen = renderConsentScreen({ bundle: ehr, appClass: 'analytics', request: { scopes: allowedOf(ehr, 'analytics') }, now: NOW });
    expect(screen.kind).toBe('developer');
    expect(screen.groups).toEqual([]);
    expect(screen.html).not.toContain('<button');
    expect(screen.html).not.toContain('<form');
    expect(screen.html).toContain('Population analytics warehouse (SMART Backend Services): a backend service');
  });
});

describe('consent screen safety', () => {
  const hostile = '<script>alert("x")</script>&\'"';
  it('escapes every dynamic value', () => {
    const screen = renderConsentScreen({
      ...base,
      app: { name: hostile, publisher: hostile },
      user: { displayName: hostile },
      form: { action: `/consent?x="${hostile}`, hidden: { [hostile]: hostile } },
    });
    expect(screen.html).not.toContain('<script>alert');
    expect(screen.html).not.toContain('"x")');
    expect(screen.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&quot;');
  });

  it('renders only absolute https links', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      '//evil.example/x',
      'http://evil.example/',
      'https://u:p@evil.example/',
    ]) {
      const html = renderConsentScreen({
        ...base,
        revokeUri: bad,
        app: { logoUri: bad, privacyPolicyUri: bad, termsUri: bad },
        user: { displayName: 'A', switchUserUri: bad },
      }).html;
      expect(html, bad).not.toContain(bad);
    }
  });

  it('never throws, and fails closed to a screen that offers nothing', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        const screen = renderConsentScreen({
          bundle: a as never,
          appClass: b as string,
          request: c as never,
          now: c as string,
          app: a as never,
          user: b as never,
        });
        expect(typeof screen.html).toBe('string');
        expect(screen.groups.every((g) => g.scopes.length > 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
    const broken = renderConsentScreen({
      ...base,
      request: { scopes: 'patient/Observation.rs' },
      bundle: { ...portal, policy: null } as never,
    });
    expect(broken.groups).toEqual([]);
    expect(broken.html).not.toContain('value="allow"');
  });

  it('is a pure function: the same input gives the same bytes', () => {
    expect(renderConsentScreen(base).html).toBe(renderConsentScreen(base).html);
  });
});
