import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorText } from '../../../shared/api.ts';
import { formatDateTime, formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { type EnrollmentItem, STATUS_COLOURS } from './enrollments-page.tsx';

interface EnrollmentDetail extends EnrollmentItem {
  basis: Record<string, unknown>;
  payments: Array<{ month: string; amountFen: number; status: string }>;
  events: Array<{
    id: number;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    effectiveMonth: string | null;
    amountFen: number | null;
    reason: string;
    actor: string;
    createdAt: string;
  }>;
  reports: Array<{
    id: string;
    kind: string;
    period: string | null;
    content: unknown;
    status: string;
    createdAt: string;
  }>;
  overpayments: Array<{
    id: string;
    amountFen: number;
    fineFen: number;
    reason: string;
    recoveredFen: number;
    status: string;
  }>;
}

type StatusAction = 'suspend' | 'resume' | 'exit';

/** 保障对象详情: the enrollment, its history, reports and overpayments; status changes with a reason. */
export function EnrollmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<StatusAction | null>(null);
  const [reporting, setReporting] = useState(false);
  const [form] = Form.useForm();
  const [reportForm] = Form.useForm();
  const query = useQuery({
    queryKey: ['enrollment', id],
    queryFn: () => api.get<EnrollmentDetail>(`/assistance/enrollments/${id}`),
  });
  const e = query.data;
  const canAct = hasPermission(me, 'case:act');

  const change = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post(`/assistance/enrollments/${id}/status`, body),
    onSuccess: () => {
      void message.success(t('common.success'));
      setAction(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['enrollment', id] });
      void queryClient.invalidateQueries({ queryKey: ['enrollments'] });
    },
    onError: (err) => onError(err, form),
  });
  const report = useMutation({
    mutationFn: (body: { kind: string; content: { text: string } }) =>
      api.post(`/assistance/enrollments/${id}/reports`, body),
    onSuccess: () => {
      void message.success(t('common.success'));
      setReporting(false);
      reportForm.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['enrollment', id] });
    },
    onError: (err) => onError(err, reportForm),
  });

  if (query.error) return <Alert type="error" showIcon message={errorText(query.error, english)} />;
  if (!e) return <Card loading />;

  const submitChange = async () => {
    const values = await form.validateFields();
    change.mutate({
      action,
      reason: values.reason,
      version: e.version,
      ...(action === 'exit'
        ? {
            exitKind: values.exitKind,
            ...(values.exitKind === 'fraud'
              ? { obtainedFen: Math.round((values.obtained ?? 0) * 100), fineMultiple: values.fineMultiple }
              : {}),
          }
        : {}),
    });
  };

  return (
    <PageContainer
      title={`${t('enrollment.detailTitle')} · ${e.payeeName}`}
      extra={
        canAct && e.status !== 'exited' ? (
          <Space>
            {e.status === 'active' && <Button onClick={() => setAction('suspend')}>{t('enrollment.suspend')}</Button>}
            {e.status === 'suspended' && <Button onClick={() => setAction('resume')}>{t('enrollment.resume')}</Button>}
            <Button danger onClick={() => setAction('exit')} data-testid="enrollment-exit">
              {t('enrollment.exit')}
            </Button>
            <Button onClick={() => setReporting(true)}>{t('enrollment.reportChange')}</Button>
          </Space>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('enrollment.name')}>{e.payeeName}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.idNumber')}>{e.payeeIdMasked}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.region')}>{e.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.programme')}>
            {t(`payroll.programmes.${e.programme}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('enrollment.status')}>
            <Tag color={STATUS_COLOURS[e.status]}>{t(`enrollment.statuses.${e.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('enrollment.members')}>{e.members}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.amount')}>{formatFen(e.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.perCapita')}>{formatFen(e.perCapitaIncomeFen)}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.startMonth')}>{e.startMonth}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.endMonth')}>{e.endMonth ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.nextReview')}>{e.nextReviewOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enrollment.reviewInterval')}>{e.reviewIntervalMonths}</Descriptions.Item>
          {e.exitReason && <Descriptions.Item label={t('enrollment.exitReason')}>{e.exitReason}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {e.payments.length > 0 && (
        <Card size="small" title={t('enrollment.payments')} style={{ marginBottom: 16 }}>
          <Table
            rowKey={(p) => `${p.month}-${p.status}`}
            size="small"
            pagination={false}
            dataSource={e.payments}
            data-testid="enrollment-payments"
            columns={[
              { title: t('payroll.forMonth'), dataIndex: 'month' },
              {
                title: t('payroll.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number) => formatFen(v),
              },
              { title: t('payroll.status'), dataIndex: 'status', render: (v: string) => t(`payroll.lineStatus.${v}`) },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('enrollment.events')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.events}
          data-testid="enrollment-events"
          columns={[
            { title: t('enrollment.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('enrollment.kind'),
              dataIndex: 'kind',
              render: (v: string) => t(`enrollment.eventKinds.${v}`, { defaultValue: v }),
            },
            {
              title: t('enrollment.status'),
              render: (_, r) =>
                r.toStatus && r.toStatus !== r.fromStatus ? t(`enrollment.statuses.${r.toStatus}`) : '—',
            },
            {
              title: t('enrollment.effectiveMonth'),
              dataIndex: 'effectiveMonth',
              render: (v: string | null) => v ?? '—',
            },
            { title: t('enrollment.amount'), dataIndex: 'amountFen', render: (v: number | null) => formatFen(v) },
            { title: t('enrollment.reason'), dataIndex: 'reason' },
            { title: t('enrollment.actor'), dataIndex: 'actor' },
          ]}
        />
      </Card>

      <Card size="small" title={t('enrollment.reports')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.reports}
          columns={[
            { title: t('enrollment.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('enrollment.reportKind'),
              dataIndex: 'kind',
              render: (v: string) => t(`enrollment.reportKinds.${v}`),
            },
            { title: t('enrollment.reportContent'), dataIndex: 'content', render: (v: unknown) => JSON.stringify(v) },
            {
              title: t('enrollment.status'),
              dataIndex: 'status',
              render: (v: string) => t(`enrollment.reportStatuses.${v}`, { defaultValue: v }),
            },
          ]}
        />
      </Card>

      {e.overpayments.length > 0 && (
        <Card size="small" title={t('enrollment.overpayments')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={e.overpayments}
            columns={[
              { title: t('enrollment.amountOwed'), dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
              { title: t('enrollment.fine'), dataIndex: 'fineFen', render: (v: number) => formatFen(v) },
              { title: t('enrollment.recovered'), dataIndex: 'recoveredFen', render: (v: number) => formatFen(v) },
              { title: t('enrollment.reason'), dataIndex: 'reason' },
            ]}
          />
        </Card>
      )}

      <Modal
        open={action !== null}
        title={action ? t(`enrollment.${action}`) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void submitChange()}
        confirmLoading={change.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ exitKind: 'other', fineMultiple: 1 }}>
          {action === 'exit' && (
            <Form.Item name="exitKind" label={t('enrollment.exitKind')} rules={[{ required: true }]}>
              <Select
                options={(['death', 'moved-away', 'fraud', 'income', 'other'] as const).map((k) => ({
                  value: k,
                  label: t(`enrollment.exitKinds.${k}`),
                }))}
              />
            </Form.Item>
          )}
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              action === 'exit' && getFieldValue('exitKind') === 'fraud' ? (
                <Space>
                  <Form.Item name="obtained" label={t('enrollment.obtained')} rules={[{ required: true }]}>
                    <InputNumber min={0} precision={2} />
                  </Form.Item>
                  <Form.Item name="fineMultiple" label={t('enrollment.fineMultiple')}>
                    <InputNumber min={1} max={3} step={0.5} />
                  </Form.Item>
                </Space>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('enrollment.reason')}
            rules={[{ required: true, min: 2, message: t('enrollment.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={reporting}
        title={t('enrollment.reportChange')}
        onCancel={() => setReporting(false)}
        onOk={() =>
          void reportForm.validateFields().then((v) => report.mutate({ kind: v.kind, content: { text: v.text } }))
        }
        confirmLoading={report.isPending}
        destroyOnHidden
      >
        <Form form={reportForm} layout="vertical" initialValues={{ kind: 'change' }}>
          <Form.Item name="kind" label={t('enrollment.reportKind')}>
            <Select
              options={(['change', 'periodic'] as const).map((k) => ({
                value: k,
                label: t(`enrollment.reportKinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="text" label={t('enrollment.reportContent')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
