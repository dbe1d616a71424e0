import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorText } from '../../../shared/api.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

export const PAID_PROGRAMMES = [
  'minimumLivingAllowance',
  'extremePovertySupport',
  'singlePersonAllowance',
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
] as const;

export const RUN_STATUS_COLOURS: Record<string, string> = {
  computing: 'processing',
  computed: 'orange',
  approved: 'blue',
  exported: 'cyan',
  reconciled: 'green',
  cancelled: 'default',
};

/** GET /assistance/payroll/runs item. */
export interface PayrollRunItem {
  id: string;
  district: string;
  programme: string;
  month: string;
  status: string;
  lineCount: number;
  totalFen: number;
  heldCount: number;
  computedBy: string;
  computedAt: string | null;
  approvedBy: string | null;
  version: number;
}

/** 资金发放批次: runs per district, programme and month, and the form that computes one. */
export function PayrollRunsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ district: string; programme: string; month: Dayjs }>();
  const [page, setPage] = useState(1);
  const runs = useQuery({
    queryKey: ['payroll-runs', page],
    queryFn: () =>
      api.get<{ total: number; items: PayrollRunItem[] }>('/assistance/payroll/runs', { page, pageSize: 20 }),
  });
  const compute = useMutation({
    mutationFn: (v: { district: string; programme: string; month: Dayjs }) =>
      api.post<PayrollRunItem>('/assistance/payroll/runs', {
        district: v.district,
        programme: v.programme,
        month: v.month.format('YYYY-MM'),
      }),
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: ['payroll-runs'] });
      navigate(`/assistance/payroll/${run.id}`);
    },
    onError: (err) => onError(err, form),
  });
  // A district user (6-digit scope or wider) computes; township users only read their own lines.
  const district = me.regionScope.length === 6 ? me.regionScope : '';
  const canCompute = hasPermission(me, 'case:act') && me.regionScope.length <= 6;

  const columns: TableColumnsType<PayrollRunItem> = [
    {
      title: t('payroll.month'),
      dataIndex: 'month',
      render: (v: string, r) => <Link to={`/assistance/payroll/${r.id}`}>{v}</Link>,
    },
    { title: t('payroll.district'), dataIndex: 'district' },
    { title: t('payroll.programme'), dataIndex: 'programme', render: (v: string) => t(`payroll.programmes.${v}`) },
    {
      title: t('payroll.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={RUN_STATUS_COLOURS[v]}>{t(`payroll.statuses.${v}`)}</Tag>,
    },
    { title: t('payroll.lineCount'), dataIndex: 'lineCount', align: 'right' },
    { title: t('payroll.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => formatFen(v) },
    { title: t('payroll.held'), dataIndex: 'heldCount', align: 'right' },
    { title: t('payroll.computedBy'), dataIndex: 'computedBy' },
  ];

  return (
    <PageContainer title={t('payroll.title')}>
      {canCompute && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ district, programme: 'minimumLivingAllowance', month: dayjs() }}
            onFinish={(v) => compute.mutate(v)}
          >
            <Form.Item name="district" label={t('payroll.district')} rules={[{ required: true, len: 6 }]}>
              <Input style={{ width: 100 }} maxLength={6} />
            </Form.Item>
            <Form.Item name="programme" label={t('payroll.programme')} rules={[{ required: true }]}>
              <Select
                style={{ width: 220 }}
                options={PAID_PROGRAMMES.map((p) => ({ value: p, label: t(`payroll.programmes.${p}`) }))}
              />
            </Form.Item>
            <Form.Item name="month" label={t('payroll.month')} rules={[{ required: true }]}>
              <DatePicker picker="month" allowClear={false} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={compute.isPending} data-testid="payroll-compute">
              {t('payroll.compute')}
            </Button>
          </Form>
          <div style={{ marginTop: 8, color: '#888' }}>{t('payroll.computeHint')}</div>
        </Card>
      )}
      {runs.error && (
        <Alert type="error" showIcon message={errorText(runs.error, english)} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey="id"
        size="small"
        loading={runs.isLoading}
        columns={columns}
        dataSource={runs.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: runs.data?.total ?? 0, onChange: setPage }}
        data-testid="payroll-runs"
      />
    </PageContainer>
  );
}
