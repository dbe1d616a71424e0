import { useTranslation } from 'react-i18next';
import { useLanguage } from '../shared/use-language.ts';

export function PortalBrand({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={compact ? 'pm-brand pm-brand-compact' : 'pm-brand'}>
      <span className="pm-logo" aria-hidden>
        惠
      </span>
      <div>
        <div className="pm-brand-title">{t('app.portalTitle')}</div>
        {!compact && <div className="pm-brand-sub">{t('portal.subtitle')}</div>}
      </div>
    </div>
  );
}

export function PortalLangSwitch() {
  const { t } = useTranslation();
  const { toggle } = useLanguage();
  return (
    <button type="button" className="pm-lang" data-testid="lang-switch" onClick={toggle}>
      {t('common.switchLanguage')}
    </button>
  );
}
