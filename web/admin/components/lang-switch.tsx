import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/use-language.ts';

/** Toggles zh-CN ⇄ en-US (i18next + antd locale), persisted in localStorage. */
export function LangSwitch({ light = false }: { light?: boolean }) {
  const { t } = useTranslation();
  const { toggle, language } = useLanguage();
  return (
    <Button
      data-testid="lang-switch"
      data-lang={language}
      size="small"
      type={light ? 'text' : 'default'}
      icon={<TranslationOutlined />}
      title={t('common.switchLanguageTitle')}
      onClick={toggle}
      style={light ? { color: 'inherit' } : undefined}
    >
      {t('common.switchLanguage')}
    </Button>
  );
}
