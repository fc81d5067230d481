import { it } from 'vitest';
import { explain, BUILTIN_PHRASEBOOKS, QUALIFIER_KEYS } from '../../src/explain/index.js';
import { szigrisztPazos, syllablesEs } from '../../src/explain/lint/reading-level-es.js';
it('x', () => {
  console.log('SYL', ['aplicación','puede','ver','buscar','historia','vehículo','oír','leer','guion','cuidado','país','teléfono'].map((w)=>w+syllablesEs(w)).join(' '));
  const book = BUILTIN_PHRASEBOOKS[1]!;
  const scopes = [...Object.keys(book.types).map((t) => `patient/${t}.rs`), 'patient/*.rs', ...QUALIFIER_KEYS.map((q) => `patient/${q.resourceType}.rs?${q.param}=${q.systems[0]}|${q.code}`), 'launch', 'launch/patient', 'launch/encounter', 'launch/location', 'openid', 'fhirUser', 'profile', 'offline_access', 'online_access'];
  const vals: number[] = [];
  for (const audience of ['patient', 'caregiver', 'clinician'] as const) {
    const r = explain(scopes, { locale: 'es', audience, catalog: { locales: ['en','es'], defaultLocale: 'en', entries: {}, offlineAccess: { lifetimeSeconds: 90*86400, idleSeconds: 30*86400 } } });
    for (const s of r.scopes) { const v = szigrisztPazos(s.long); vals.push(v); if (v < 55) console.log(`SP ${audience} ${v.toFixed(1)} ${s.long}`); }
  }
  vals.sort((a,b)=>a-b); console.log('MIN', vals[0], 'MED', vals[Math.floor(vals.length/2)]);
});
