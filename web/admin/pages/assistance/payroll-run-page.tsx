import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, api, apiUrl, errorText } from '../../../shared/api.ts';
import { formatDateTime, formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { type PayrollRunItem, RUN_STATUS_COLOURS } from './payroll-runs-page.tsx';

interface RunDetail extends PayrollRunItem {
  approvedAt: string | null;
  exportedAt: string | null;
  reconciledAt: string | null;
  canApprove: boolean;
  townships: Array<{
    township: string;
    townshipName: string;
    payable: number;
    payableFen: number;
    held: number;
    paid: number;
    paidFen: number;
    failed: number;
  }>;
}

interface LineItem {
  id: string;
  regionCode: string;
  regionName: string;
  forMonth: string;
  amountFen: number;
  status: string;
  payeeName: string;
  payeeIdMasked: string;
  bankReference: string | null;
  failureReason: string | null;
  carriedFromLineId: string | null;
}

const LINE_COLOURS: Record<string, string> = {
  payable: 'blue',
  held: 'orange',
  paid: 'green',
  failed: 'red',
  carried: 'default',
};

/** 发放批次详情: totals per township, lines, approval by a second person, bank file and reconciliation. */
export function PayrollRunPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const run = useQuery({
    queryKey: ['payroll-run', id],
    queryFn: () => api.get<RunDetail>(`/assistance/payroll/runs/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'computing' ? 2000 : false),
  });
  const lines = useQuery({
    queryKey: ['payroll-lines', id, status, page],
    queryFn: () =>
      api.get<{ total: number; items: LineItem[] }>(`/assistance/payroll/runs/${id}/lines`, {
        status,
        page,
        pageSize: 50,
      }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['payroll-run', id] });
    void queryClient.invalidateQueries({ queryKey: ['payroll-lines', id] });
    void queryClient.invalidateQueries({ queryKey: ['payroll-runs'] });
  };
  const approve = useMutation({
    mutationFn: () => api.post(`/assistance/payroll/runs/${id}/approve`),
    onSuccess: () => {
      void message.success(t('common.success'));
      refresh();
    },
    onError: (err) => onError(err),
  });

  if (run.error) return <Alert type="error" showIcon message={errorText(run.error, english)} />;
  const r = run.data;
  if (!r) return <Card loading />;
  const district = me.regionScope.length <= 6 && hasPermission(me, 'case:act');

  return (
    <PageContainer
      title={`${t('payroll.runTitle')} · ${r.district} · ${t(`payroll.programmes.${r.programme}`)} · ${r.month}`}
      extra={
        district ? (
          <Space wrap>
            {r.status === 'computed' && (
              <Button
                type="primary"
                disabled={!r.canApprove}
                loading={approve.isPending}
                onClick={() => modal.confirm({ title: t('payroll.approveConfirm'), onOk: () => approve.mutateAsync() })}
                data-testid="payroll-approve"
              >
                {t('payroll.approve')}
              </Button>
            )}
            {['approved', 'exported', 'reconciled'].includes(r.status) && (
              <>
                <Button
                  icon={<DownloadOutlined />}
                  href={apiUrl(`/assistance/payroll/runs/${id}/bank-file`, { format: 'xlsx' })}
                  onClick={() => setTimeout(refresh, 1500)}
                >
                  {t('payroll.exportXlsx')}
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  href={apiUrl(`/assistance/payroll/runs/${id}/bank-file`, { format: 'csv' })}
                  onClick={() => setTimeout(refresh, 1500)}
                >
                  {t('payroll.exportCsv')}
                </Button>
              </>
            )}
            {['exported', 'reconciled'].includes(r.status) && (
              <Upload
                name="file"
                accept=".csv,.xlsx"
                showUploadList={false}
                action={apiUrl(`/assistance/payroll/runs/${id}/reconciliation`)}
                withCredentials
                onChange={(info) => {
                  if (info.file.status === 'done') {
                    const res = info.file.response as { paid: number; failed: number };
                    void message.success(t('payroll.reconciled', res));
                    refresh();
                  } else if (info.file.status === 'error') {
                    const body = info.file.response as { message_zh?: string; message_en?: string; code?: string };
                    onError(
                      new ApiError(info.file.error?.status ?? 400, {
                        code: body?.code ?? 'request.invalid',
                        message_zh: body?.message_zh ?? '',
                        message_en: body?.message_en ?? '',
                        fields: [],
                      }),
                    );
                  }
                }}
              >
                <Button icon={<UploadOutlined />} title={t('payroll.reconcileHint')}>
                  {t('payroll.reconcile')}
                </Button>
              </Upload>
            )}
          </Space>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label={t('payroll.status')}>
            <Tag color={RUN_STATUS_COLOURS[r.status]}>{t(`payroll.statuses.${r.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('payroll.lineCount')}>{r.lineCount}</Descriptions.Item>
          <Descriptions.Item label={t('payroll.total')}>{formatFen(r.totalFen)}</Descriptions.Item>
          <Descriptions.Item label={t('payroll.held')}>{r.heldCount}</Descriptions.Item>
          <Descriptions.Item label={t('payroll.computedBy')}>{r.computedBy}</Descriptions.Item>
          <Descriptions.Item label={t('payroll.computedAt')}>{formatDateTime(r.computedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('payroll.approvedBy')}>{r.approvedBy ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('payroll.townships')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="township"
          size="small"
          pagination={false}
          dataSource={r.townships}
          data-testid="payroll-townships"
          columns={[
            { title: t('payroll.township'), dataIndex: 'townshipName' },
            { title: t('payroll.payable'), dataIndex: 'payable', align: 'right' },
            {
              title: t('payroll.payableFen'),
              dataIndex: 'payableFen',
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            { title: t('payroll.held'), dataIndex: 'held', align: 'right' },
            { title: t('payroll.paid'), dataIndex: 'paid', align: 'right' },
            { title: t('payroll.failed'), dataIndex: 'failed', align: 'right' },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t('payroll.lines')}
        extra={
          <Select
            allowClear
            size="small"
            style={{ width: 140 }}
            placeholder={t('payroll.status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.keys(LINE_COLOURS).map((s) => ({ value: s, label: t(`payroll.lineStatus.${s}`) }))}
          />
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={lines.isLoading}
          dataSource={lines.data?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: lines.data?.total ?? 0, onChange: setPage }}
          data-testid="payroll-lines"
          columns={[
            { title: t('payroll.payee'), dataIndex: 'payeeName' },
            { title: t('payroll.idMasked'), dataIndex: 'payeeIdMasked' },
            { title: t('enrollment.region'), dataIndex: 'regionName' },
            { title: t('payroll.forMonth'), dataIndex: 'forMonth' },
            { title: t('payroll.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('payroll.status'),
              dataIndex: 'status',
              render: (v: string) => <Tag color={LINE_COLOURS[v]}>{t(`payroll.lineStatus.${v}`)}</Tag>,
            },
            { title: t('payroll.failureReason'), dataIndex: 'failureReason', render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
