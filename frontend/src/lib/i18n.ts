/** Every UI string of the site, in the three languages of the guidance. Templates never hard-code text. */

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';

export function isLang(value: string | undefined): value is Lang {
  return value !== undefined && (LANGUAGES as readonly string[]).includes(value);
}

const en = {
  siteName: 'GCM Knowledge Platform',
  siteTagline: 'Implementing the Global Compact for Migration: guidance for governments and all relevant stakeholders',
  publisher: 'UN Network on Migration',
  skipToContent: 'Skip to main content',
  mainNavigation: 'Main navigation',
  breadcrumb: 'Breadcrumb',
  home: 'Home',
  guide: 'The Guide',
  booklet: 'The Booklet',
  languageSwitcher: 'Language',
  languageName: 'English',
  currentLanguage: 'current language',
  notTranslated: 'This page is not yet available in English; showing English.',
  objective: 'Objective',
  objectiveShortLabel: 'In short',
  objectives: 'The 23 objectives',
  chapters: 'Chapters',
  steps: 'The six steps',
  step: 'Step',
  previousStep: 'Previous step',
  nextStep: 'Next step',
  onThisPage: 'On this page',
  practicalApplication: 'Practical application',
  covid19: 'COVID-19',
  calloutInfo: 'Information',
  calloutKeyPoint: 'Key point',
  calloutWarning: 'Warning',
  download: 'Download',
  fileSize: 'size',
  notFoundTitle: 'Page not found',
  notFoundText: 'We could not find this page. It may have moved, or the address may be mistyped.',
  notFoundBack: 'Go to the home page',
  backendErrorTitle: 'The guidance is temporarily unavailable',
  backendErrorText: 'The content service did not answer. Please try again in a few minutes.',
  footerText: 'Guidance published by the UN Network on Migration.',
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const fr: Dictionary = {
  siteName: 'Plateforme de connaissances du PMM',
  siteTagline:
    'Mettre en œuvre le Pacte mondial sur les migrations : orientations pour les gouvernements et toutes les parties prenantes concernées',
  publisher: 'Réseau des Nations Unies sur les migrations',
  skipToContent: 'Aller au contenu principal',
  mainNavigation: 'Navigation principale',
  breadcrumb: "Fil d'Ariane",
  home: 'Accueil',
  guide: 'Le Guide',
  booklet: 'Le Livret',
  languageSwitcher: 'Langue',
  languageName: 'Français',
  currentLanguage: 'langue actuelle',
  notTranslated: "Cette page n'est pas encore disponible en français ; elle est affichée en anglais.",
  objective: 'Objectif',
  objectiveShortLabel: 'En bref',
  objectives: 'Les 23 objectifs',
  chapters: 'Chapitres',
  steps: 'Les six étapes',
  step: 'Étape',
  previousStep: 'Étape précédente',
  nextStep: 'Étape suivante',
  onThisPage: 'Sur cette page',
  practicalApplication: 'Application pratique',
  covid19: 'COVID-19',
  calloutInfo: 'Information',
  calloutKeyPoint: 'Point clé',
  calloutWarning: 'Avertissement',
  download: 'Télécharger',
  fileSize: 'taille',
  notFoundTitle: 'Page introuvable',
  notFoundText: "Nous n'avons pas trouvé cette page. Elle a peut-être été déplacée, ou l'adresse est mal saisie.",
  notFoundBack: "Aller à la page d'accueil",
  backendErrorTitle: 'Les orientations sont momentanément indisponibles',
  backendErrorText: "Le service de contenu n'a pas répondu. Veuillez réessayer dans quelques minutes.",
  footerText: 'Orientations publiées par le Réseau des Nations Unies sur les migrations.',
};

const es: Dictionary = {
  siteName: 'Plataforma de conocimiento del PMM',
  siteTagline:
    'Implementación del Pacto Mundial para la Migración: orientaciones para los gobiernos y todas las partes interesadas pertinentes',
  publisher: 'Red de las Naciones Unidas sobre la Migración',
  skipToContent: 'Saltar al contenido principal',
  mainNavigation: 'Navegación principal',
  breadcrumb: 'Ruta de navegación',
  home: 'Inicio',
  guide: 'La Guía',
  booklet: 'El Folleto',
  languageSwitcher: 'Idioma',
  languageName: 'Español',
  currentLanguage: 'idioma actual',
  notTranslated: 'Esta página aún no está disponible en español; se muestra en inglés.',
  objective: 'Objetivo',
  objectiveShortLabel: 'En resumen',
  objectives: 'Los 23 objetivos',
  chapters: 'Capítulos',
  steps: 'Los seis pasos',
  step: 'Paso',
  previousStep: 'Paso anterior',
  nextStep: 'Paso siguiente',
  onThisPage: 'En esta página',
  practicalApplication: 'Aplicación práctica',
  covid19: 'COVID-19',
  calloutInfo: 'Información',
  calloutKeyPoint: 'Punto clave',
  calloutWarning: 'Advertencia',
  download: 'Descargar',
  fileSize: 'tamaño',
  notFoundTitle: 'Página no encontrada',
  notFoundText: 'No encontramos esta página. Puede que se haya trasladado o que la dirección esté mal escrita.',
  notFoundBack: 'Ir a la página de inicio',
  backendErrorTitle: 'Las orientaciones no están disponibles en este momento',
  backendErrorText: 'El servicio de contenido no respondió. Vuelva a intentarlo en unos minutos.',
  footerText: 'Orientaciones publicadas por la Red de las Naciones Unidas sobre la Migración.',
};

export const DICTIONARIES: Record<Lang, Dictionary> = { en, fr, es };

export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  const dictionary = DICTIONARIES[lang];
  return (key) => dictionary[key];
}

/** The language a reader asked for in Accept-Language, among ours; English when none matches. */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    if (isLang(entry.base)) return entry.base;
  }
  return DEFAULT_LANG;
}

/** "This page is not yet available in French; showing English" in the reader's language. */
export function fallbackNote(lang: Lang): string {
  return DICTIONARIES[lang].notTranslated;
}
