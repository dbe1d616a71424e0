import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Empty, ErrorBlock, List, Tag, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import type { PortalMe } from '../shared/types.ts';
import { useLanguage } from '../shared/use-language.ts';
import { PortalBrand, PortalLangSwitch } from './brand.tsx';

export function PortalHomePage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const me = useQuery({
    queryKey: ['portal', 'me'],
    queryFn: ({ signal }) => api.get<PortalMe>('/portal/me', undefined, { signal, skipAuthRedirect: true }),
  });

  const logout = async () => {
    setLeaving(true);
    try {
      await api.post('/portal/logout', undefined, { skipAuthRedirect: true });
    } catch {
      // the session is gone either way
    }
    queryClient.clear();
    Toast.show({ content: t('portal.loggedOut') });
    navigate('/login', { replace: true });
  };

  if (me.isPending) {
    return (
      <div className="pm-page pm-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403)) {
      return <Navigate to="/login" replace />;
    }
    return (
      <div className="pm-page">
        <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(me.error, english)}>
          <Button color="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  }

  const data = me.data;
  const today = dayjs().startOf('day');

  return (
    <div className="pm-page">
      <header className="pm-hero pm-hero-compact">
        <PortalLangSwitch />
        <PortalBrand compact />
      </header>

      <section className="pm-card pm-identity" data-testid="portal-identity">
        <div className="pm-identity-name">{data.name}</div>
        <div className="pm-identity-row">
          <span>{t('portal.idNumber')}</span>
          <span className="pm-mono" data-testid="portal-id-masked">
            {data.idNumberMasked}
          </span>
        </div>
        <div className="pm-identity-row">
          <span>{t('portal.phone')}</span>
          <span className="pm-mono">{data.phoneMasked}</span>
        </div>
      </section>

      <section className="pm-card" data-testid="portal-household">
        <h2 className="pm-section-title">{t('portal.household')}</h2>
        {data.household ? (
          <>
            <List>
              <List.Item extra={<span className="pm-mono">{data.household.householdNo}</span>}>
                {t('portal.householdNo')}
              </List.Item>
              <List.Item description={data.household.address}>{t('portal.address')}</List.Item>
              <List.Item extra={data.household.regionName}>{t('portal.region')}</List.Item>
            </List>
            <List header={t('portal.members')}>
              {data.household.members.map((m) => (
                <List.Item
                  key={`${m.name}-${m.relationName}`}
                  extra={t('common.yearsOld', { age: m.age })}
                  description={m.relationName}
                >
                  {m.name}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Empty description={t('portal.noHousehold')} />
        )}
      </section>

      <section className="pm-card" data-testid="portal-cases">
        <h2 className="pm-section-title">{t('portal.cases')}</h2>
        {data.cases.length === 0 ? (
          <Empty description={t('portal.noCases')} />
        ) : (
          <List>
            {data.cases.map((c) => {
              const overdue = c.dueOn ? dayjs(c.dueOn).isBefore(today) : false;
              return (
                <List.Item
                  key={c.caseNo}
                  data-testid="portal-case"
                  title={<span className="pm-mono">{c.caseNo}</span>}
                  description={
                    <span>
                      {t('portal.receivedOn')} {formatDate(c.receivedOn)} · {t('portal.dueOn')}{' '}
                      <span className={overdue ? 'pm-overdue' : undefined}>{formatDate(c.dueOn)}</span>
                    </span>
                  }
                  extra={
                    <Tag color="primary" fill="outline" style={{ fontSize: 14 }}>
                      {c.stateName}
                    </Tag>
                  }
                >
                  {c.title}
                </List.Item>
              );
            })}
          </List>
        )}
      </section>

      <div className="pm-actions">
        <Button block size="large" onClick={logout} loading={leaving} data-testid="portal-logout">
          {t('portal.logout')}
        </Button>
      </div>
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}
