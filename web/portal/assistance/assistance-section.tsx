import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import type { PortalApplicationItem } from '../../shared/assistance-types.ts';
import { formatDate, formatFen } from '../../shared/format.ts';
import { useLanguage } from '../../shared/use-language.ts';

/** 社会救助 on the portal home page: apply, my applications with their state, reports for enrolled households. */
export function PortalAssistanceSection() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['portal', 'assistance', 'applications'],
    queryFn: ({ signal }) =>
      api.get<{ items: PortalApplicationItem[] }>('/portal/assistance/applications', undefined, {
        signal,
        skipAuthRedirect: true,
      }),
  });
  const items = list.data?.items ?? [];
  return (
    <section className="pm-card" data-testid="portal-assistance">
      <h2 className="pm-section-title">{t('assistance.portal.sectionTitle')}</h2>
      <Space block direction="vertical" style={{ '--gap': '8px' }}>
        <Button
          block
          color="primary"
          onClick={() => navigate('/assistance/apply')}
          data-testid="portal-assistance-apply"
        >
          {t('assistance.portal.applyButton')}
        </Button>
        <Button block onClick={() => navigate('/assistance/reports')} data-testid="portal-assistance-reports">
          {t('assistance.portal.reportsButton')}
        </Button>
      </Space>
      {list.data && items.length === 0 && <Empty description={t('assistance.portal.noApplications')} />}
      {items.length > 0 && (
        <List header={t('assistance.portal.myApplications')}>
          {items.map((a) => (
            <List.Item
              key={a.caseId}
              data-testid="portal-assistance-item"
              clickable
              onClick={() => navigate(`/assistance/applications/${a.caseId}`)}
              description={
                <span>
                  {t('portal.receivedOn')} {formatDate(a.receivedOn)}
                  {a.amountFen !== null && ` · ${t('assistance.portal.perMonth', { amount: formatFen(a.amountFen) })}`}
                </span>
              }
              extra={
                <Tag
                  color={a.state === 'approved' ? 'success' : a.overdue ? 'danger' : 'primary'}
                  fill="outline"
                  style={{ fontSize: 14 }}
                >
                  {english ? a.stateNameEn : a.stateName}
                </Tag>
              }
            >
              <span className="pm-mono">{a.caseNo}</span>
              {a.programmeName && <div style={{ fontSize: 15 }}>{a.programmeName}</div>}
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
