import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isEnglish, type Language, setLanguage } from './i18n.ts';

/** Current UI language plus a toggle that also persists the choice. */
export function useLanguage(): { language: Language; english: boolean; toggle: () => void } {
  const { i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const toggle = useCallback(() => setLanguage(english ? 'zh-CN' : 'en-US'), [english]);
  return { language: english ? 'en-US' : 'zh-CN', english, toggle };
}
