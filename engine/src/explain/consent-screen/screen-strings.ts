/**
 * The fixed words of the consent screen per language (English and Spanish; other locales get
 * English words around the policy's own texts). Whole sentences with named slots — the slot
 * values are escaped by the renderer, never glued into markup here.
 */
import { languageOf } from '../phrasebook/index.js';
import type { Audience } from '../explain-types.js';

export interface ScreenStrings {
  readonly genericApp: string;
  readonly title: (app: string) => string;
  readonly heading: (app: string, audience: Audience) => string;
  readonly publisher: (publisher: string) => string;
  readonly signedInAs: string;
  readonly notYou: string;
  readonly requiredHeading: string;
  readonly requiredIntro: string;
  readonly requiredTag: string;
  readonly chooseHeading: string;
  readonly chooseIntro: string;
  readonly sensitiveHeading: string;
  readonly sensitiveIntro: string;
  readonly sensitiveTag: string;
  readonly riskyHeading: string;
  readonly riskyIntro: string;
  readonly riskLabels: Readonly<Record<'write' | 'delete' | 'offline-access' | 'everything', string>>;
  readonly moreDetails: string;
  readonly durationHeading: string;
  readonly until: (date: string) => string;
  readonly untilRevoked: string;
  readonly idle: (duration: string) => string;
  readonly withoutOffline: (duration: string) => string;
  readonly shortAccess: (duration: string, date: string) => string;
  readonly revoke: string;
  readonly revokeLink: string;
  readonly revokeNoLink: string;
  readonly privacyPolicy: string;
  readonly terms: string;
  readonly appLinksHeading: string;
  readonly allow: string;
  readonly deny: string;
  readonly omitted: (count: number) => string;
  /** Filled in the browser (progressive enhancement): `{n}` ticked of `{total}`. */
  readonly selectedCount: string;
  readonly developerHeading: (app: string) => string;
  readonly developerIntro: string;
  readonly developerWhat: string;
  readonly nothingToShow: string;
}

const EN: ScreenStrings = {
  genericApp: 'This app',
  title: (app) => `Allow ${app} to use your health record?`,
  heading: (app, audience) =>
    audience === 'caregiver'
      ? `${app} wants to use the health record of the person you care for`
      : audience === 'clinician'
        ? `${app} wants to use patient records on your behalf`
        : `${app} wants to use your health record`,
  publisher: (p) => `Made by ${p}`,
  signedInAs: 'Signed in as',
  notYou: 'Not you? Sign in as someone else',
  requiredHeading: 'Always shared',
  requiredIntro: 'The app needs these to work at all.',
  requiredTag: 'Required',
  chooseHeading: 'Choose what to share',
  chooseIntro: 'Untick anything you do not want to share. The app may not work fully without it.',
  sensitiveHeading: 'Sensitive information',
  sensitiveIntro: 'This is shared only if you tick it.',
  sensitiveTag: 'Sensitive',
  riskyHeading: 'Permissions that need extra care',
  riskyIntro: 'Read these carefully. Untick any you do not want.',
  riskLabels: {
    write: 'Can add or change records',
    delete: 'Can delete records',
    'offline-access': 'Keeps access when you are away',
    everything: 'All kinds of data, including new ones',
  },
  moreDetails: 'More details',
  durationHeading: 'How long access lasts',
  until: (date) => `Access lasts until ${date} at the latest.`,
  untilRevoked: 'Access lasts until you stop it.',
  idle: (d) => `It ends sooner if the app is not used for ${d}.`,
  withoutOffline: (d) => `If you untick keeping access, it ends ${d} after you allow it.`,
  shortAccess: (d, date) => `Access ends ${d} after you allow it (${date}).`,
  revoke: 'You can stop access at any time:',
  revokeLink: 'manage connected apps',
  revokeNoLink: 'You can stop access at any time in your account settings.',
  privacyPolicy: 'Privacy policy of the app',
  terms: 'Terms of use of the app',
  appLinksHeading: 'About this app',
  allow: 'Allow the ticked items',
  deny: 'Do not allow anything',
  omitted: (n) =>
    n === 1
      ? 'The app also asked for 1 thing this service does not give; it will not be shared.'
      : `The app also asked for ${n} things this service does not give; they will not be shared.`,
  selectedCount: '{n} of {total} choices ticked.',
  developerHeading: (app) => `${app}: a backend service`,
  developerIntro: 'Apps of this kind run with no one signed in, so no person is asked. This page documents what they may do.',
  developerWhat: 'What it may do',
  nothingToShow: 'Nothing the app asked for can be given.',
};

const ES: ScreenStrings = {
  genericApp: 'Esta aplicación',
  title: (app) => `¿Permitir que ${app} use su historia clínica?`,
  heading: (app, audience) =>
    audience === 'caregiver'
      ? `${app} quiere usar la historia clínica de la persona que usted cuida`
      : audience === 'clinician'
        ? `${app} quiere usar historias clínicas de pacientes en su nombre`
        : `${app} quiere usar su historia clínica`,
  publisher: (p) => `Creada por ${p}`,
  signedInAs: 'Sesión iniciada como',
  notYou: '¿No es usted? Entre con otra cuenta',
  requiredHeading: 'Siempre se comparte',
  requiredIntro: 'La aplicación lo necesita para funcionar.',
  requiredTag: 'Obligatorio',
  chooseHeading: 'Elija qué compartir',
  chooseIntro: 'Desmarque lo que no quiera compartir. Puede que la aplicación no funcione del todo sin ello.',
  sensitiveHeading: 'Información delicada',
  sensitiveIntro: 'Solo se comparte si usted lo marca.',
  sensitiveTag: 'Delicado',
  riskyHeading: 'Permisos que requieren más cuidado',
  riskyIntro: 'Léalos con atención. Desmarque los que no quiera dar.',
  riskLabels: {
    write: 'Puede añadir o cambiar registros',
    delete: 'Puede borrar registros',
    'offline-access': 'Mantiene el acceso cuando usted no está',
    everything: 'Todo tipo de datos, también los nuevos',
  },
  moreDetails: 'Más detalles',
  durationHeading: 'Cuánto dura el acceso',
  until: (date) => `El acceso dura como máximo hasta el ${date}.`,
  untilRevoked: 'El acceso dura hasta que usted lo detenga.',
  idle: (d) => `Termina antes si la aplicación no se usa durante ${d}.`,
  withoutOffline: (d) => `Si desmarca mantener el acceso, termina ${d} después de que usted lo permita.`,
  shortAccess: (d, date) => `El acceso termina ${d} después de que usted lo permita (${date}).`,
  revoke: 'Puede detener el acceso en cualquier momento:',
  revokeLink: 'administrar aplicaciones conectadas',
  revokeNoLink: 'Puede detener el acceso en cualquier momento en la configuración de su cuenta.',
  privacyPolicy: 'Política de privacidad de la aplicación',
  terms: 'Condiciones de uso de la aplicación',
  appLinksHeading: 'Sobre esta aplicación',
  allow: 'Permitir lo marcado',
  deny: 'No permitir nada',
  omitted: (n) =>
    n === 1
      ? 'La aplicación también pidió 1 permiso que este servicio no da; no se compartirá.'
      : `La aplicación también pidió ${n} permisos que este servicio no da; no se compartirán.`,
  selectedCount: '{n} de {total} opciones marcadas.',
  developerHeading: (app) => `${app}: un servicio sin usuario`,
  developerIntro:
    'Las aplicaciones de este tipo funcionan sin que nadie inicie sesión, así que no se pregunta a nadie. Esta página documenta lo que pueden hacer.',
  developerWhat: 'Lo que puede hacer',
  nothingToShow: 'No se puede dar nada de lo que pidió la aplicación.',
};

/** The screen words of a locale: Spanish for `es*`, English otherwise. */
export function screenStrings(locale: string): ScreenStrings {
  return languageOf(locale) === 'es' ? ES : EN;
}
