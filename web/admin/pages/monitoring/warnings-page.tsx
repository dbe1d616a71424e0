import { DownloadOutlined, RadarChartOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Tag } from 'antd';
import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, apiUrl, errorText } from '../../../shared/api.ts';
import { formatDate } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { fetchTablePage, textParam } from '../../hooks/table-request.ts';
import { DueCell } from '../workbench-page.tsx';
import { type MonitoringStats, type MonitoringWarning, SEVERITY_COLORS, STATUS_COLORS } from './monitoring-types.ts';
import { useMonitoringRules } from './use-rule-names.ts';

// echarts is large: loaded with the charts, as the assistance statistics page does.
const StatisticsChart = lazy(() =>
  import('../assistance/statistics-charts.tsx').then((m) => ({ default: m.StatisticsChart })),
);

interface WarningFilters {
  ruleCode?: string;
  kind?: string;
  status?: string;
  regionCode?: string;
  overdue?: string;
}

/** Warnings by rule (open, closed, overdue) and the average days to close, in the user's jurisdiction. */
function WarningCharts() {
  const { t } = useTranslation();
  const { nameOf } = useMonitoringRules();
  const stats = useQuery({
    queryKey: ['monitoring', 'stats'],
    queryFn: ({ signal }) => api.get<MonitoringStats>('/monitoring/stats', undefined, { signal }),
  });
  const byRule = stats.data?.byRule ?? [];
  const closeDays = stats.data?.closeDays ?? [];
  return (
    <Suspense fallback={null}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('monitoring.chartByRule')} size="small">
            <StatisticsChart
              kind="bar"
              horizontal
              testId="monitoring-chart-rules"
              height={260}
              categories={byRule.map((r) => nameOf(r.rule_code))}
              series={[
                { name: t('monitoring.openCount'), values: byRule.map((r) => r.open) },
                { name: t('monitoring.closedCount'), values: byRule.map((r) => r.closed) },
                { name: t('monitoring.overdueCount'), values: byRule.map((r) => r.overdue) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('monitoring.chartCloseDays')} size="small">
            <StatisticsChart
              kind="bar"
              testId="monitoring-chart-close-days"
              height={260}
              categories={closeDays.map((r) => nameOf(r.rule_code))}
              series={[{ name: t('monitoring.avgDays'), values: closeDays.map((r) => r.avg_days ?? 0) }]}
            />
          </Card>
        </Col>
      </Row>
    </Suspense>
  );
}

/** 动态监测 > 预警处置: warnings and discovery tasks in scope, filters, overdue in red, export, charts. */
export function MonitoringWarningsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const actionRef = useRef<ActionType>(null);
  const filters = useRef<WarningFilters>({});
  const { rules, nameOf } = useMonitoringRules();

  const runDiscovery = async () => {
    try {
      const r = await api.post<{ total: number }>('/monitoring/discovery', {});
      message.success(t('monitoring.discovered', { n: r.total }));
      actionRef.current?.reload();
    } catch (e) {
      message.error(errorText(e, english));
    }
  };

  const columns: ProColumns<MonitoringWarning>[] = [
    {
      title: t('monitoring.rule'),
      dataIndex: 'ruleCode',
      valueType: 'select',
      width: 220,
      valueEnum: Object.fromEntries((rules.data ?? []).map((r) => [r.code, { text: english ? r.nameEn : r.nameZh }])),
      fieldProps: { ...testId('monitoring-filter-rule') },
      render: (_, w) => (
        <Link
          to={`/monitoring/warnings/${w.id}`}
          data-testid="monitoring-warning-link"
          onClick={(e) => e.stopPropagation()}
        >
          {nameOf(w.ruleCode)}
        </Link>
      ),
    },
    {
      title: t('monitoring.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      width: 90,
      valueEnum: {
        warning: { text: t('monitoring.kinds.warning') },
        outreach: { text: t('monitoring.kinds.outreach') },
        recheck: { text: t('monitoring.kinds.recheck') },
      },
    },
    {
      title: t('monitoring.severity'),
      dataIndex: 'severity',
      search: false,
      width: 80,
      render: (_, w) => <Tag color={SEVERITY_COLORS[w.severity]}>{t(`monitoring.severities.${w.severity}`)}</Tag>,
    },
    {
      title: t('monitoring.person'),
      dataIndex: 'personName',
      search: false,
      width: 90,
      render: (_, w) => w.personName ?? '—',
    },
    {
      title: t('monitoring.household'),
      dataIndex: 'householdNo',
      search: false,
      width: 160,
      render: (_, w) => w.householdNo ?? '—',
    },
    { title: t('monitoring.region'), dataIndex: 'regionCode', width: 130, fieldProps: { placeholder: me.regionScope } },
    {
      title: t('monitoring.status'),
      dataIndex: 'status',
      valueType: 'select',
      width: 100,
      valueEnum: {
        open: { text: t('monitoring.statuses.open') },
        in_progress: { text: t('monitoring.statuses.in_progress') },
        closed: { text: t('monitoring.statuses.closed') },
      },
      render: (_, w) => (
        <Tag color={STATUS_COLORS[w.status]} data-testid="monitoring-warning-status">
          {t(`monitoring.statuses.${w.status}`)}
          {w.outcome ? ` · ${t(`monitoring.outcomes.${w.outcome}`)}` : ''}
        </Tag>
      ),
    },
    {
      title: t('monitoring.overdueOnly'),
      dataIndex: 'overdue',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } },
    },
    {
      title: t('monitoring.dueOn'),
      dataIndex: 'dueOn',
      search: false,
      width: 150,
      render: (_, w) => <DueCell task={{ dueOn: w.dueOn, overdue: w.overdue }} />,
    },
    {
      title: t('monitoring.escalation'),
      dataIndex: 'escalationLevel',
      search: false,
      width: 90,
      render: (_, w) =>
        w.escalationLevel > 0 ? (
          <Tag color="red">{t('monitoring.escalationTimes', { n: w.escalationLevel })}</Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('monitoring.createdAt'),
      dataIndex: 'createdAt',
      search: false,
      width: 110,
      render: (_, w) => formatDate(w.createdAt),
    },
  ];

  return (
    <PageContainer title={t('monitoring.warningsTitle')} subTitle={me.regionScopeName}>
      <WarningCharts />
      <ProTable<MonitoringWarning, WarningFilters>
        rowKey="id"
        actionRef={actionRef}
        className="hm-clickable-rows"
        data-testid="monitoring-warnings-table"
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        request={(params) => {
          const query = {
            ruleCode: textParam(params.ruleCode),
            kind: textParam(params.kind),
            status: textParam(params.status),
            regionCode: textParam(params.regionCode),
            overdue: textParam(params.overdue),
          };
          filters.current = query;
          return fetchTablePage<MonitoringWarning>('/monitoring/warnings', params, query);
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, setting: true, reload: true }}
        scroll={{ x: 1200 }}
        onRow={(w) => ({ onClick: () => navigate(`/monitoring/warnings/${w.id}`) })}
        toolBarRender={() => [
          ...(hasPermission(me, 'case:act')
            ? [
                <Button
                  key="discover"
                  icon={<RadarChartOutlined />}
                  onClick={() => void runDiscovery()}
                  data-testid="monitoring-discover"
                >
                  {t('monitoring.runDiscovery')}
                </Button>,
              ]
            : []),
          <Button
            key="export"
            icon={<DownloadOutlined />}
            onClick={() => window.location.assign(apiUrl('/monitoring/warnings/export', { ...filters.current }))}
            data-testid="monitoring-export"
          >
            {t('monitoring.export')}
          </Button>,
        ]}
      />
    </PageContainer>
  );
}
