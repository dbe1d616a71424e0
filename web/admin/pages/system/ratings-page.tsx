import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Progress, Space, Statistic, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../../shared/api.ts';
import type { RatingGrade, RatingStats, RatingStatsRow } from '../../../shared/rating-types.ts';
import { useLanguage } from '../../../shared/use-language.ts';

const GRADE_COLORS: Record<RatingGrade, string> = {
  very_satisfied: 'green',
  satisfied: 'cyan',
  basically_satisfied: 'blue',
  dissatisfied: 'orange',
  very_dissatisfied: 'red',
};

const GRADE_ORDER: RatingGrade[] = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
];

function Rate({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Progress
      percent={value}
      size="small"
      format={(p) => `${p?.toFixed(1)}%`}
      status={value >= 90 ? 'success' : value >= 80 ? 'normal' : 'exception'}
    />
  );
}

/** 好差评统计: ratings per serving organisation and grade, within the user's jurisdiction. */
export function RatingsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const stats = useQuery({
    queryKey: ['ratings', 'stats', from, to],
    queryFn: ({ signal }) => api.get<RatingStats>('/ratings/stats', { from, to }, { signal }),
  });

  const gradeName = (g: RatingGrade) => t(`rating.grades.${g}`);
  const columns: ProColumns<RatingStatsRow>[] = [
    { title: t('rating.org'), dataIndex: 'orgName', width: 200, fixed: 'left' },
    ...GRADE_ORDER.map(
      (g): ProColumns<RatingStatsRow> => ({
        title: <Tag color={GRADE_COLORS[g]}>{gradeName(g)}</Tag>,
        dataIndex: ['counts', g],
        align: 'right',
        width: 96,
        render: (_, r) => <span data-testid={`rating-count-${g}`}>{r.counts[g]}</span>,
      }),
    ),
    { title: t('rating.total'), dataIndex: 'total', align: 'right', width: 90 },
    {
      title: t('rating.rate'),
      dataIndex: 'satisfactionRate',
      width: 160,
      render: (_, r) => <Rate value={r.satisfactionRate} />,
    },
    {
      title: t('rating.openFollowUps'),
      dataIndex: 'openFollowUps',
      align: 'right',
      width: 100,
      render: (_, r) => (r.openFollowUps > 0 ? <Tag color="red">{r.openFollowUps}</Tag> : 0),
    },
  ];

  const totals = stats.data?.totals;
  return (
    <PageContainer title={t('rating.title')} subTitle={t('rating.subtitle')}>
      {stats.isError && (
        <Alert type="error" showIcon message={errorText(stats.error, english)} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Space size={48} wrap align="start">
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => setRange(v)}
            allowEmpty={[true, true]}
            placeholder={[t('rating.from'), t('rating.to')]}
            data-testid="ratings-range"
          />
          <Statistic title={t('rating.total')} value={totals?.total ?? 0} />
          <Statistic
            title={t('rating.rate')}
            value={totals?.satisfactionRate ?? '—'}
            precision={totals?.satisfactionRate === null ? undefined : 1}
            suffix={totals?.satisfactionRate === null ? undefined : '%'}
          />
          {GRADE_ORDER.map((g) => (
            <Statistic key={g} title={gradeName(g)} value={totals?.counts[g] ?? 0} valueStyle={{ fontSize: 20 }} />
          ))}
        </Space>
      </Card>
      <ProTable<RatingStatsRow>
        rowKey={(r) => r.orgId ?? 'none'}
        data-testid="ratings-table"
        columns={columns}
        dataSource={stats.data?.items ?? []}
        loading={stats.isFetching}
        search={false}
        pagination={false}
        scroll={{ x: 1000 }}
        options={{ reload: () => void stats.refetch(), density: false, setting: false }}
      />
    </PageContainer>
  );
}
