/**
 * The fixed words of the consent preview and the docs pages (headings, buttons), per language.
 * Whole labels only — no sentence is assembled from these pieces.
 */
import { languageOf } from '../phrasebook/index.js';

export interface PageStrings {
  readonly consentHeading: string;
  readonly consentIntro: string;
  readonly moreDetails: string;
  readonly allow: string;
  readonly deny: string;
  readonly warnings: string;
  readonly scopesHeading: string;
  readonly scope: string;
  readonly short: string;
  readonly long: string;
  readonly noConsentScreen: string;
  readonly language: string;
}

const EN: PageStrings = {
  consentHeading: 'This app is asking to:',
  consentIntro: 'Read what the app can do before you decide. You can change your mind later in your account settings.',
  moreDetails: 'More details',
  allow: 'Allow',
  deny: 'Don’t allow',
  warnings: 'Needs review',
  scopesHeading: 'Every permission this app can be given',
  scope: 'Permission',
  short: 'Short text',
  long: 'Long text',
  noConsentScreen: 'Apps of this kind run with no one signed in, so no one sees this screen; the text documents what they can do.',
  language: 'Language',
};

const ES: PageStrings = {
  consentHeading: 'Esta aplicación pide permiso para:',
  consentIntro:
    'Lea lo que puede hacer la aplicación antes de decidir. Puede cambiar de opinión más adelante en la configuración de su cuenta.',
  moreDetails: 'Más detalles',
  allow: 'Permitir',
  deny: 'No permitir',
  warnings: 'Requiere revisión',
  scopesHeading: 'Todos los permisos que se pueden dar a esta aplicación',
  scope: 'Permiso',
  short: 'Texto breve',
  long: 'Texto largo',
  noConsentScreen:
    'Las aplicaciones de este tipo funcionan sin que nadie inicie sesión, así que nadie ve esta pantalla; el texto documenta lo que pueden hacer.',
  language: 'Idioma',
};

/** The page words for a locale (English when the language has none). */
export function pageStrings(locale: string): PageStrings {
  return languageOf(locale) === 'es' ? ES : EN;
}
