import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'zh-CN' | 'en-US';

export const LANGUAGE_STORAGE_KEY = 'huimin.lang';

import { enUS } from './i18n-en-us.ts';
import { zhCN } from './i18n-zh-cn.ts';

export const resources = {
  'zh-CN': { translation: zhCN },
  'en-US': { translation: enUS },
} as const;

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let initialised = false;

/** Initialise i18next once (synchronously, resources are bundled). Chinese is the default. */
export function initI18n(): typeof i18n {
  if (initialised) return i18n;
  initialised = true;
  const lng = storedLanguage();
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'zh-CN',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18n;
}

export function isEnglish(lng: string = i18n.language): boolean {
  return lng.toLowerCase().startsWith('en');
}

/** Switch i18next and persist the choice for both the workbench and the portal (same origin). */
export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // private mode: keep the in-memory choice only
  }
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}
