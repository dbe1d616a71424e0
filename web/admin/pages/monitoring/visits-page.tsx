import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../../shared/api.ts';
import { formatDate } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { type MonitoringWarning, SEVERITY_COLORS } from './monitoring-types.ts';
import { useMonitoringRules } from './use-rule-names.ts';

/** 今日走访: a coordinator's list for the phone — one card per warning to visit, tap to open it. */
export function MonitoringVisitsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const { nameOf } = useMonitoringRules();
  const visits = useQuery({
    queryKey: ['monitoring', 'visits'],
    queryFn: ({ signal }) =>
      api.get<{ today: string; items: MonitoringWarning[] }>('/monitoring/visits/today', undefined, { signal }),
  });
  return (
    <PageContainer title={t('monitoring.visitsTitle')}>
      <Typography.Paragraph type="secondary">
        {visits.data ? `${formatDate(visits.data.today)} · ${t('monitoring.visitsHint')}` : ''}
      </Typography.Paragraph>
      {visits.isError && <Alert type="error" showIcon message={errorText(visits.error, english)} />}
      <List
        data-testid="monitoring-visits"
        loading={visits.isLoading}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('monitoring.visitsEmpty')} /> }}
        renderItem={(w) => (
          <List.Item style={{ padding: 0, border: 'none', marginBottom: 12 }}>
            <Card
              hoverable
              size="small"
              style={{ width: '100%' }}
              onClick={() => navigate(`/monitoring/warnings/${w.id}`)}
              data-testid="monitoring-visit-card"
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={SEVERITY_COLORS[w.severity]}>{t(`monitoring.severities.${w.severity}`)}</Tag>
                  <Typography.Text strong>{nameOf(w.ruleCode)}</Typography.Text>
                </Space>
                <Typography.Text>
                  {w.personName ?? '—'} {w.householdNo ? `· ${w.householdNo}` : ''}
                </Typography.Text>
                <Typography.Text type={w.overdue ? 'danger' : 'secondary'}>
                  {t('monitoring.dueOn')} {formatDate(w.dueOn)}
                  {w.overdue ? ` · ${t('monitoring.overdue')}` : ''}
                  {w.escalationLevel > 0 ? ` · ${t('monitoring.escalationTimes', { n: w.escalationLevel })}` : ''}
                </Typography.Text>
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </PageContainer>
  );
}
