import { AlertOutlined, FundOutlined, MoneyCollectOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../shared/api.ts';
import type { Me } from '../../../shared/types.ts';
import { hasPermission } from '../../auth.tsx';

/** GET /assistance/statistics/summary */
export interface AssistanceSummary {
  month: string;
  region: { code: string; name: string };
  households: number;
  recipients: number;
  amountFen: number;
  newCount: number;
  openApplications: number;
  overdueApplications: number;
}

/** Whether the workbench shows the assistance card: case readers whose roles cover social assistance. */
export function showsAssistanceCard(me: Me): boolean {
  return hasPermission(me, 'case:read') && (me.businessLines.includes('assistance') || me.businessLines.includes('*'));
}

/** Workbench card: this month's recipients and money, open and overdue applications, a link to the statistics. */
export function AssistanceWorkbenchCard() {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: ['assistance', 'statistics', 'summary'],
    queryFn: ({ signal }) => api.get<AssistanceSummary>('/assistance/statistics/summary', undefined, { signal }),
    refetchInterval: 5 * 60_000,
  });
  if (summary.isError) return null;
  const s = summary.data;
  const items = [
    { key: 'households', title: t('assistanceStats.cardHouseholds'), value: s?.households, icon: <FundOutlined /> },
    { key: 'recipients', title: t('assistanceStats.cardRecipients'), value: s?.recipients, icon: <TeamOutlined /> },
    {
      key: 'amount',
      title: t('assistanceStats.cardAmount'),
      value: s ? s.amountFen / 100 : undefined,
      precision: 2,
      icon: <MoneyCollectOutlined />,
    },
    {
      key: 'overdue',
      title: t('assistanceStats.cardOverdue'),
      value: s?.overdueApplications,
      suffix: s ? ` / ${s.openApplications}` : undefined,
      icon: <AlertOutlined />,
      color: s && s.overdueApplications > 0 ? '#cf1322' : undefined,
    },
  ];
  return (
    <Card
      size="small"
      title={t('assistanceStats.cardTitle', { month: s?.month ?? '' })}
      extra={
        <Link to="/assistance/statistics">
          <Button type="link" size="small">
            {t('assistanceStats.cardMore')}
          </Button>
        </Link>
      }
      style={{ marginBottom: 16 }}
      data-testid="assistance-card"
    >
      <Row gutter={[16, 8]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} md={6}>
            <Statistic
              title={
                <Space size={6}>
                  {i.icon}
                  {i.title}
                </Space>
              }
              value={i.value ?? '-'}
              precision={i.precision}
              suffix={i.suffix}
              loading={summary.isLoading}
              valueStyle={{ fontWeight: 600, color: i.color }}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
