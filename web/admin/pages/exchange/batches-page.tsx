import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import type { ExchangeBatch } from './exchange-types.ts';

const STATUS_COLORS: Record<ExchangeBatch['status'], string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** 交换批次: every file, push and simulated feed with its counts; a batch's bad rows with line numbers. */
export function ExchangeBatchesPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const batches = useQuery({
    queryKey: ['exchange', 'batches', page],
    queryFn: ({ signal }) =>
      api.get<{ total: number; rows: ExchangeBatch[] }>('/exchange/batches', { page, pageSize: 20 }, { signal }),
    refetchInterval: 5000,
  });
  const detail = useQuery({
    queryKey: ['exchange', 'batch', open],
    enabled: open !== null,
    queryFn: ({ signal }) => api.get<ExchangeBatch>(`/exchange/batches/${open}`, undefined, { signal }),
  });
  return (
    <PageContainer title={t('exchange.batches.title')}>
      {batches.error && <Alert type="error" showIcon message={errorText(batches.error, english)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={batches.isLoading}
        dataSource={batches.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: batches.data?.total ?? 0, onChange: setPage }}
        onRow={(b) => ({ onClick: () => setOpen(b.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('exchange.batches.createdAt'),
            dataIndex: 'createdAt',
            render: (v) => formatDateTime(v),
            width: 170,
          },
          { title: t('exchange.batches.category'), dataIndex: 'categoryCode', render: (v) => <code>{v}</code> },
          { title: t('exchange.batches.source'), dataIndex: 'source', render: (v) => t(`exchange.sources.${v}`) },
          { title: t('exchange.batches.file'), dataIndex: 'fileName', render: (v) => v ?? '—' },
          {
            title: t('exchange.batches.status'),
            dataIndex: 'status',
            render: (v: ExchangeBatch['status']) => <Tag color={STATUS_COLORS[v]}>{t(`exchange.status.${v}`)}</Tag>,
          },
          { title: t('exchange.import.total'), dataIndex: 'totalRows', align: 'right' },
          { title: t('exchange.import.stored'), dataIndex: 'storedRows', align: 'right' },
          { title: t('exchange.import.duplicates'), dataIndex: 'duplicateRows', align: 'right' },
          {
            title: t('exchange.import.bad'),
            dataIndex: 'badRows',
            align: 'right',
            render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={640} title={t('exchange.batches.badRows')}>
        <Table
          size="small"
          rowKey="line"
          loading={detail.isLoading}
          dataSource={detail.data?.errors ?? []}
          columns={[
            { title: t('exchange.import.line'), dataIndex: 'line', width: 80 },
            {
              title: t('exchange.import.problem'),
              render: (_, r) =>
                r.errors.map((e) => (
                  <div key={`${e.field}-${e.message_zh}`}>
                    <code>{e.field}</code>：{english ? e.message_en : e.message_zh}
                  </div>
                )),
            },
          ]}
        />
      </Drawer>
    </PageContainer>
  );
}
