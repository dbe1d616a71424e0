import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Modal, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { formatValue, labelOf, type ParameterHistory, type ParameterItem, type RowStatus } from './policy-format.ts';
import { SourceTagView } from './source-tag.tsx';

const STATUS_COLOR: Record<RowStatus, string> = {
  'in-force': 'green',
  scheduled: 'blue',
  superseded: 'default',
  withdrawn: 'red',
  elsewhere: 'purple',
};

type HistoryRow = ParameterHistory['items'][number];

function WithdrawModal({ row, onClose }: { row: HistoryRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!row) return;
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await api.post(`/policy/assistance/parameters/${row.id}/withdraw`, { reason });
      void message.success(t('policy.withdrawn'));
      await queryClient.invalidateQueries({ queryKey: ['policy'] });
      form.resetFields();
      onClose();
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={row !== null}
      title={t('policy.withdrawTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ danger: true, ...testId('policy-withdraw-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('policy.withdrawReason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea data-testid="policy-withdraw-reason" maxLength={500} showCount autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface HistoryDrawerProps {
  item: ParameterItem | null;
  regionCode: string;
  canEdit: boolean;
  onClose: () => void;
}

/** Every value a key has had for the region, its ancestors and the regions below, withdrawn ones too. */
export function HistoryDrawer({ item, regionCode, canEdit, onClose }: HistoryDrawerProps) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [withdrawing, setWithdrawing] = useState<HistoryRow | null>(null);
  const history = useQuery({
    queryKey: ['policy', 'history', item?.key, regionCode],
    queryFn: ({ signal }) =>
      api.get<ParameterHistory>(`/policy/assistance/parameters/${item?.key}/history`, { regionCode }, { signal }),
    enabled: item !== null,
  });

  const columns: TableColumnsType<HistoryRow> = [
    { title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
    {
      title: t('policy.regionOfValue'),
      dataIndex: 'regionName',
      width: 180,
      render: (name: string, r) => (
        <Tooltip title={r.regionCode}>
          <span>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('policy.value'),
      dataIndex: 'value',
      width: 240,
      render: (v: unknown) => (item ? formatValue(item, v, t, english) : ''),
    },
    {
      title: t('policy.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: RowStatus) => <Tag color={STATUS_COLOR[s]}>{t(`policy.statuses.${s}`)}</Tag>,
    },
    {
      title: t('policy.source'),
      dataIndex: 'source',
      render: (source: string, r) => (
        <span>
          <SourceTagView tag={r.sourceTag} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {source.replace(/^\[[A-Za-z]+\]\s*/, '')}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('policy.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, r: HistoryRow) =>
              r.canWithdraw ? (
                <Button
                  size="small"
                  danger
                  type="link"
                  data-testid={`policy-withdraw-${r.effectiveFrom}`}
                  onClick={() => setWithdrawing(r)}
                >
                  {t('policy.withdraw')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      width={1100}
      title={item ? `${t('policy.history')}：${labelOf(item, english)}` : ''}
      destroyOnHidden
    >
      {history.isError ? (
        <Typography.Text type="danger">{errorText(history.error, english)}</Typography.Text>
      ) : (
        <Table<HistoryRow>
          rowKey="id"
          size="small"
          loading={history.isPending}
          dataSource={history.data?.items ?? []}
          columns={columns}
          pagination={false}
          data-testid="policy-history-table"
        />
      )}
      <WithdrawModal row={withdrawing} onClose={() => setWithdrawing(null)} />
    </Drawer>
  );
}
