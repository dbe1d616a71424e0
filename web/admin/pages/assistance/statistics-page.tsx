import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, apiUrl, errorText } from '../../../shared/api.ts';
import { formatDate, formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import {
  type AssistanceStatistics,
  type Figures,
  type MonthFigures,
  type OverdueApplication,
  PROGRAMME_CODES,
  type ProcessingFigures,
  type ProgrammeFigures,
  type RegionFigures,
} from './statistics-types.ts';

const StatisticsChart = lazy(() => import('./statistics-charts.tsx').then((m) => ({ default: m.StatisticsChart })));

type StatisticsTable = 'months' | 'regions' | 'programmes' | 'processing' | 'overdue';

const yuan = (fen: number) => Math.round(fen) / 100;

function ExportButton({ table, filters }: { table: StatisticsTable; filters: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={apiUrl('/assistance/statistics/export', { table, ...filters })}
      data-testid={`stats-export-${table}`}
    >
      {t('assistanceStats.export')}
    </Button>
  );
}

function ChartCard({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assistanceStats.noData')} style={{ height: 248 }} />
      ) : (
        <Suspense fallback={<div style={{ height: 280 }} />}>{children}</Suspense>
      )}
    </Card>
  );
}

/** 社会救助统计: figures by month, region and programme, processing times and overdue applications; Excel exports. */
export function AssistanceStatisticsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [region, setRegion] = useState<string | undefined>();
  const [programme, setProgramme] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(11, 'month'), dayjs()]);
  const filters = {
    region,
    programme,
    from: range[0].format('YYYY-MM'),
    to: range[1].format('YYYY-MM'),
  };
  const stats = useQuery({
    queryKey: ['assistance', 'statistics', filters],
    queryFn: ({ signal }) => api.get<AssistanceStatistics>('/assistance/statistics', filters, { signal }),
  });
  const s = stats.data;
  const programmeName = (p: ProgrammeFigures) => (english ? p.programmeNameEn : p.programmeName);
  const totalAmount = useMemo(() => (s ? s.months.reduce((n, m) => n + m.amountFen, 0) : 0), [s]);
  const regionHeader = s && s.groupLength >= 12 ? t('assistanceStats.village') : t('assistanceStats.region');

  const figureColumns = <T extends Figures>(): TableColumnsType<T> => [
    { title: t('assistanceStats.households'), dataIndex: 'households', align: 'right' },
    { title: t('assistanceStats.recipients'), dataIndex: 'recipients', align: 'right' },
    { title: t('assistanceStats.newCount'), dataIndex: 'newCount', align: 'right' },
    { title: t('assistanceStats.exitedCount'), dataIndex: 'exitedCount', align: 'right' },
    {
      title: t('assistanceStats.amountYuan'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
  ];

  const monthColumns: TableColumnsType<MonthFigures> = [
    { title: t('assistanceStats.month'), dataIndex: 'month' },
    { title: t('assistanceStats.householdsInMonth'), dataIndex: 'households', align: 'right' },
    { title: t('assistanceStats.recipientsInMonth'), dataIndex: 'recipients', align: 'right' },
    { title: t('assistanceStats.newCount'), dataIndex: 'newCount', align: 'right' },
    { title: t('assistanceStats.exitedCount'), dataIndex: 'exitedCount', align: 'right' },
    { title: t('assistanceStats.paidLines'), dataIndex: 'paidLines', align: 'right' },
    {
      title: t('assistanceStats.amountYuan'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
  ];
  const regionColumns: TableColumnsType<RegionFigures> = [
    { title: regionHeader, dataIndex: 'regionName' },
    ...figureColumns<RegionFigures>(),
  ];
  const programmeColumns: TableColumnsType<ProgrammeFigures> = [
    { title: t('assistanceStats.programme'), dataIndex: 'programmeName', render: (_, p) => programmeName(p) },
    ...figureColumns<ProgrammeFigures>(),
  ];
  const processingColumns: TableColumnsType<ProcessingFigures> = [
    { title: regionHeader, dataIndex: 'regionName' },
    { title: t('assistanceStats.closed'), dataIndex: 'closed', align: 'right' },
    {
      title: t('assistanceStats.avgWorkingDays'),
      dataIndex: 'avgWorkingDays',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('assistanceStats.maxWorkingDays'),
      dataIndex: 'maxWorkingDays',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('assistanceStats.closedLate'),
      dataIndex: 'closedLate',
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : 0),
    },
    { title: t('assistanceStats.open'), dataIndex: 'open', align: 'right' },
    {
      title: t('assistanceStats.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
  ];
  const overdueColumns: TableColumnsType<OverdueApplication> = [
    {
      title: t('assistanceStats.caseNo'),
      dataIndex: 'caseNo',
      render: (v: string, r) => (
        <Link to={`/cases/${r.id}`} className="hm-mono">
          {v}
        </Link>
      ),
    },
    { title: t('assistanceStats.caseTitle'), dataIndex: 'title' },
    {
      title: t('assistanceStats.step'),
      dataIndex: 'stateName',
      render: (_, r) => <Tag color="blue">{english ? r.stateNameEn : r.stateName}</Tag>,
    },
    { title: t('assistanceStats.village'), dataIndex: 'regionName' },
    { title: t('assistanceStats.receivedOn'), dataIndex: 'receivedOn', render: (v: string) => formatDate(v) },
    {
      title: t('assistanceStats.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string) => <span className="hm-overdue">{formatDate(v)}</span>,
    },
    {
      title: t('assistanceStats.overdueDays'),
      dataIndex: 'overdueWorkingDays',
      align: 'right',
      render: (v: number) => <Tag color="red">{v}</Tag>,
    },
    { title: t('assistanceStats.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
  ];

  const tableCard = <T extends object>(
    table: StatisticsTable,
    title: string,
    columns: TableColumnsType<T>,
    rows: T[] | undefined,
    rowKey: keyof T & string,
    summary?: ReactNode,
  ) => (
    <Card
      size="small"
      title={title}
      extra={<ExportButton table={table} filters={filters} />}
      style={{ marginTop: 16 }}
      data-testid={`stats-table-${table}`}
    >
      <Table<T>
        size="small"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows ?? []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 800 }}
        summary={summary ? () => summary : undefined}
      />
    </Card>
  );

  return (
    <PageContainer
      title={t('assistanceStats.title')}
      subTitle={s ? `${s.region.name} · ${s.from} ~ ${s.to}` : undefined}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('assistanceStats.allRegions')}
            testId="stats-region"
            style={{ width: 240 }}
          />
          <Select
            allowClear
            value={programme}
            onChange={(v?: string) => setProgramme(v)}
            placeholder={t('assistanceStats.allProgrammes')}
            style={{ width: 200 }}
            data-testid="stats-programme"
            options={PROGRAMME_CODES.map((p) => ({ value: p, label: t(`assistanceStats.programmes.${p}`) }))}
          />
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            data-testid="stats-months"
          />
        </Space>
      </Card>
      {stats.isError && (
        <Alert type="error" showIcon message={errorText(stats.error, english)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { key: 'households', title: t('assistanceStats.householdsNow'), value: s?.regionTotal.households },
          { key: 'recipients', title: t('assistanceStats.recipientsNow'), value: s?.regionTotal.recipients },
          {
            key: 'amount',
            title: t('assistanceStats.amountInRange'),
            value: s ? yuan(totalAmount) : undefined,
            precision: 2,
          },
          { key: 'overdue', title: t('assistanceStats.overdueApplications'), value: s?.overdue.total, danger: true },
        ].map((c) => (
          <Col key={c.key} xs={12} md={6}>
            <Card size="small" data-testid={`stats-card-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value ?? '-'}
                precision={c.precision}
                loading={stats.isLoading}
                valueStyle={{ fontWeight: 600, color: c.danger && (c.value ?? 0) > 0 ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard title={t('assistanceStats.chartMonthly')} empty={!s}>
            {s && (
              <StatisticsChart
                kind="line"
                testId="chart-monthly"
                categories={s.months.map((m) => m.month)}
                series={[
                  { name: t('assistanceStats.amountYuan'), values: s.months.map((m) => yuan(m.amountFen)) },
                  { name: t('assistanceStats.recipients'), values: s.months.map((m) => m.recipients), rightAxis: true },
                ]}
              />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('assistanceStats.chartRegions')} empty={!s || s.regions.length === 0}>
            {s && (
              <StatisticsChart
                kind="bar"
                testId="chart-regions"
                categories={s.regions.map((r) => r.regionName)}
                series={[
                  { name: t('assistanceStats.recipients'), values: s.regions.map((r) => r.recipients) },
                  { name: t('assistanceStats.households'), values: s.regions.map((r) => r.households) },
                ]}
              />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('assistanceStats.chartProgrammes')} empty={!s || s.programmes.length === 0}>
            {s && (
              <StatisticsChart
                kind="pie"
                testId="chart-programmes"
                data={s.programmes.map((p) => ({ name: programmeName(p), value: p.households }))}
              />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('assistanceStats.chartProcessing')}
            empty={!s || s.processing.every((p) => p.avgWorkingDays === null)}
          >
            {s && (
              <StatisticsChart
                kind="bar"
                testId="chart-processing"
                categories={s.processing.map((p) => p.regionName)}
                series={[
                  {
                    name: t('assistanceStats.avgWorkingDays'),
                    values: s.processing.map((p) => p.avgWorkingDays ?? 0),
                  },
                  { name: t('assistanceStats.maxWorkingDays'), values: s.processing.map((p) => p.maxWorkingDays ?? 0) },
                ]}
              />
            )}
          </ChartCard>
        </Col>
      </Row>
      {tableCard('months', t('assistanceStats.tableMonths'), monthColumns, s?.months, 'month')}
      {tableCard(
        'regions',
        t('assistanceStats.tableRegions'),
        regionColumns,
        s?.regions,
        'regionCode',
        s && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('assistanceStats.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {s.regionTotal.households}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {s.regionTotal.recipients}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {s.regionTotal.newCount}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {s.regionTotal.exitedCount}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {formatFen(s.regionTotal.amountFen)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ),
      )}
      {tableCard('programmes', t('assistanceStats.tableProgrammes'), programmeColumns, s?.programmes, 'programme')}
      {tableCard('processing', t('assistanceStats.tableProcessing'), processingColumns, s?.processing, 'regionCode')}
      {tableCard('overdue', t('assistanceStats.tableOverdue'), overdueColumns, s?.overdue.items, 'id')}
    </PageContainer>
  );
}
