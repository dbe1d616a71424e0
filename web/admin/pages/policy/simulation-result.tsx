import { Alert, Card, Col, Row, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/format.ts';

const SimulationChart = lazy(() => import('./simulation-chart.tsx').then((m) => ({ default: m.SimulationChart })));

export interface Totals {
  households: number;
  gained: number;
  lost: number;
  increased: number;
  decreased: number;
  beforeMonthlyFen: number;
  afterMonthlyFen: number;
  deltaMonthlyFen: number;
}

export interface Outcome {
  source: 'enrollment' | 'application';
  id: string;
  householdId: string;
  regionCode: string;
  area: 'urban' | 'rural';
  members: number;
  before: { programme: string | null; amountFen: number };
  after: { programme: string | null; amountFen: number };
}

export interface SimulationResult {
  regionCode: string;
  regionName: string;
  month: string;
  standards: { before: { urban: number; rural: number }; after: { urban: number; rural: number } };
  totals: Totals;
  byTownship: (Totals & { townshipCode: string; townshipName: string })[];
  gained: Outcome[];
  lost: Outcome[];
  skipped: number;
  elapsedMs: number;
}

/** Summary cards, chart by township, the per-township table and the households gained and lost. */
export function SimulationResultView({ result }: { result: SimulationResult }) {
  const { t } = useTranslation();
  const chart = useMemo(
    () =>
      result && {
        townships: result.byTownship.map((r) => r.townshipName.split('/').pop() || r.townshipCode),
        deltaYuan: result.byTownship.map((r) => r.deltaMonthlyFen / 100),
        gained: result.byTownship.map((r) => r.gained),
        lost: result.byTownship.map((r) => r.lost),
        labels: {
          delta: t('policy.simulation.chartDelta'),
          gained: t('policy.simulation.chartGained'),
          lost: t('policy.simulation.chartLost'),
        },
      },
    [result, t],
  );

  const money = (fen: number) => formatFen(fen);
  const townshipColumns: TableColumnsType<SimulationResult['byTownship'][number]> = [
    {
      title: t('policy.simulation.township'),
      dataIndex: 'townshipName',
      render: (name: string) => name.split('/').pop() || name,
    },
    { title: t('policy.simulation.households'), dataIndex: 'households', align: 'right' },
    { title: t('policy.simulation.gained'), dataIndex: 'gained', align: 'right' },
    { title: t('policy.simulation.lost'), dataIndex: 'lost', align: 'right' },
    { title: t('policy.simulation.increased'), dataIndex: 'increased', align: 'right' },
    { title: t('policy.simulation.decreased'), dataIndex: 'decreased', align: 'right' },
    { title: t('policy.simulation.before'), dataIndex: 'beforeMonthlyFen', align: 'right', render: money },
    { title: t('policy.simulation.after'), dataIndex: 'afterMonthlyFen', align: 'right', render: money },
    { title: t('policy.simulation.delta'), dataIndex: 'deltaMonthlyFen', align: 'right', render: money },
  ];
  const programme = (p: string | null) =>
    p ? t(`assistanceStats.programmes.${p}`, { defaultValue: p }) : t('policy.noValue');
  const outcomeColumns: TableColumnsType<Outcome> = [
    {
      title: t('policy.simulation.source'),
      dataIndex: 'source',
      width: 90,
      render: (s: Outcome['source']) => (
        <Tag>
          {s === 'enrollment' ? t('policy.simulation.sourceEnrollment') : t('policy.simulation.sourceApplication')}
        </Tag>
      ),
    },
    { title: t('policy.simulation.household'), dataIndex: 'householdId', render: (id: string) => id.slice(0, 8) },
    { title: t('policy.region'), dataIndex: 'regionCode', width: 130 },
    { title: t('policy.simulation.members'), dataIndex: 'members', width: 60, align: 'right' },
    {
      title: t('policy.simulation.programmeBefore'),
      key: 'before',
      render: (_, o) => `${programme(o.before.programme)} ${money(o.before.amountFen)}`,
    },
    {
      title: t('policy.simulation.programmeAfter'),
      key: 'after',
      render: (_, o) => `${programme(o.after.programme)} ${money(o.after.amountFen)}`,
    },
  ];

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Card>
            <Statistic title={t('policy.simulation.month')} value={result.month} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('policy.simulation.elapsed', { ms: result.elapsedMs })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={5}>
          <Card>
            <Statistic
              title={t('policy.simulation.standards')}
              value={`${money(result.standards.before.urban)} → ${money(result.standards.after.urban)}`}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${money(result.standards.before.rural)} → ${money(result.standards.after.rural)}`}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={8} md={3}>
          <Card>
            <Statistic title={t('policy.simulation.households')} value={result.totals.households} />
          </Card>
        </Col>
        <Col xs={8} md={3}>
          <Card data-testid="simulation-gained">
            <Statistic
              title={t('policy.simulation.gained')}
              value={result.totals.gained}
              valueStyle={{ color: '#389e0d' }}
            />
          </Card>
        </Col>
        <Col xs={8} md={3}>
          <Card data-testid="simulation-lost">
            <Statistic
              title={t('policy.simulation.lost')}
              value={result.totals.lost}
              valueStyle={{ color: '#d4380d' }}
            />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card data-testid="simulation-delta">
            <Statistic
              title={t('policy.simulation.delta')}
              value={money(result.totals.deltaMonthlyFen)}
              valueStyle={{ color: result.totals.deltaMonthlyFen >= 0 ? '#cf1322' : '#389e0d' }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${money(result.totals.beforeMonthlyFen)} → ${money(result.totals.afterMonthlyFen)}`}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {result.skipped > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('policy.simulation.skipped', { count: result.skipped })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Suspense fallback={<div style={{ height: 320 }} />}>{chart && <SimulationChart {...chart} />}</Suspense>
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Table
          rowKey="townshipCode"
          size="small"
          dataSource={result.byTownship}
          columns={townshipColumns}
          pagination={false}
          data-testid="simulation-township-table"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('policy.simulation.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {result.totals.households}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {result.totals.gained}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {result.totals.lost}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {result.totals.increased}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {result.totals.decreased}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {money(result.totals.beforeMonthlyFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {money(result.totals.afterMonthlyFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {money(result.totals.deltaMonthlyFen)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('policy.simulation.gainedList')} extra={t('policy.simulation.listLimit')}>
            <Table
              rowKey="id"
              size="small"
              dataSource={result.gained}
              columns={outcomeColumns}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 600 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('policy.simulation.lostList')} extra={t('policy.simulation.listLimit')}>
            <Table
              rowKey="id"
              size="small"
              dataSource={result.lost}
              columns={outcomeColumns}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 600 }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
