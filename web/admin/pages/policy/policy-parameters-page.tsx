import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import { formatValue, labelOf, type ParameterItem, type ParameterList } from './policy-format.ts';
import { HistoryDrawer } from './policy-history-drawer.tsx';
import { AddValueModal } from './policy-value-form.tsx';
import { SourceTagView } from './source-tag.tsx';

/** 救助政策参数: every key with its value in force for a region and date, history, new values and withdrawals. */
export function PolicyParametersPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const canEdit = hasPermission(me, 'policy:edit');
  const [regionCode, setRegionCode] = useState<string>(me.regionScope);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [historyOf, setHistoryOf] = useState<ParameterItem | null>(null);
  const [adding, setAdding] = useState<ParameterItem | null>(null);
  const day = date.format('YYYY-MM-DD');
  const list = useQuery({
    queryKey: ['policy', 'list', regionCode, day],
    queryFn: ({ signal }) =>
      api.get<ParameterList>('/policy/assistance/parameters', { regionCode, date: day }, { signal }),
  });

  const columns: ProColumns<ParameterItem>[] = [
    {
      title: t('policy.key'),
      dataIndex: 'labelZh',
      width: 240,
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <span>{labelOf(item, english)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {english ? item.labelZh : item.labelEn}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('policy.current'),
      key: 'current',
      width: 250,
      render: (_, item) => (
        <span data-testid={`policy-current-${item.key}`}>
          {item.current ? formatValue(item, item.current.value, t, english) : t('policy.noValue')}
        </span>
      ),
    },
    {
      title: t('policy.regionOfValue'),
      key: 'region',
      width: 120,
      render: (_, item) =>
        item.current ? (
          <Tooltip title={item.current.regionCode}>
            <span>{item.current.regionName}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('policy.effectiveFrom'),
      key: 'from',
      width: 110,
      render: (_, item) => item.current?.effectiveFrom ?? '—',
    },
    {
      title: t('policy.source'),
      key: 'source',
      width: 180,
      render: (_, item) =>
        item.current ? (
          <Tooltip title={item.current.source}>
            <span>
              <SourceTagView tag={item.current.sourceTag} />
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('policy.next'),
      key: 'next',
      width: 200,
      render: (_, item) =>
        item.next ? (
          <Typography.Text type="warning">
            {item.next.effectiveFrom}：{formatValue(item, item.next.value, t, english)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, item) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            data-testid={`policy-history-${item.key}`}
            onClick={() => setHistoryOf(item)}
          >
            {t('policy.history')}
          </Button>
          {canEdit && (
            <Button
              type="link"
              size="small"
              icon={<PlusOutlined />}
              data-testid={`policy-add-${item.key}`}
              onClick={() => setAdding(item)}
            >
              {t('policy.add')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('policy.title')} content={t('policy.intro')}>
      {list.isError && (
        <Alert type="error" showIcon message={errorText(list.error, english)} style={{ marginBottom: 16 }} />
      )}
      <ProTable<ParameterItem>
        rowKey="key"
        search={false}
        options={{ reload: () => void list.refetch(), density: true, setting: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1270 }}
        data-testid="policy-table"
        headerTitle={
          <Space wrap>
            <span>{t('policy.region')}</span>
            <RegionTreeSelect
              value={regionCode}
              onChange={(v) => setRegionCode(v ?? me.regionScope)}
              style={{ width: 260 }}
              testId="policy-region"
            />
            <span>{t('policy.date')}</span>
            <DatePicker value={date} allowClear={false} onChange={(d) => d && setDate(d)} data-testid="policy-date" />
          </Space>
        }
      />
      <HistoryDrawer item={historyOf} regionCode={regionCode} canEdit={canEdit} onClose={() => setHistoryOf(null)} />
      <AddValueModal item={adding} defaultRegion={regionCode} onClose={() => setAdding(null)} />
    </PageContainer>
  );
}
