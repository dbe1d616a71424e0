import { CheckCircleTwoTone, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormRadio, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import type { ApplicationDetail, ApplicationFinding } from '../../../shared/assistance-types.ts';
import { testId } from '../../../shared/test-id.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 调查核实: home visits signed by two investigators, neighbour interviews, findings the investigator resolves. */
export function ApplicationVerificationTab(props: { application: ApplicationDetail; onChanged: () => Promise<void> }) {
  const { application: a, onChanged } = props;
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [visitOpen, setVisitOpen] = useState(false);
  const [resolving, setResolving] = useState<ApplicationFinding | null>(null);
  const verifying = a.state === 'verifying';

  const sign = async (visitId: string) => {
    try {
      await api.post(`/assistance/visits/${visitId}/sign`, {});
      void message.success(t('assistance.verification.signed'));
      await onChanged();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {a.verificationStatus && a.verificationStatus.missing.length > 0 && verifying && (
        <Alert
          type="warning"
          showIcon
          message={t('assistance.verification.missing')}
          description={a.verificationStatus.missing.map((m) => (english ? m.en : m.zh)).join('；')}
          data-testid="verification-missing"
        />
      )}
      <Card
        size="small"
        title={t('assistance.verification.visits')}
        extra={
          verifying && (
            <Button icon={<PlusOutlined />} onClick={() => setVisitOpen(true)} data-testid="visit-add">
              {t('assistance.verification.addVisit')}
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.visits}
          data-testid="visits"
          columns={[
            {
              title: t('assistance.verification.kind'),
              dataIndex: 'kind',
              width: 110,
              render: (k: string) => t(`assistance.verification.kinds.${k}`),
            },
            { title: t('assistance.verification.visitedOn'), dataIndex: 'visitedOn', width: 110 },
            { title: t('assistance.verification.notes'), dataIndex: 'notes' },
            {
              title: t('assistance.verification.investigators'),
              dataIndex: 'investigatorNames',
              width: 220,
              render: (_: unknown, v) => (
                <Space>
                  {(v.investigatorNames ?? []).join('、')}
                  {v.complete ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" />
                  ) : (
                    verifying && (
                      <Button size="small" onClick={() => sign(v.id)} data-testid="visit-sign">
                        {t('assistance.verification.sign')}
                      </Button>
                    )
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('assistance.verification.findings')}>
        <Table<ApplicationFinding>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.findings}
          data-testid="findings"
          columns={[
            {
              title: t('assistance.verification.source'),
              dataIndex: 'source',
              width: 100,
              render: (s: string) => t(`assistance.verification.sources.${s}`, { defaultValue: s }),
            },
            { title: t('assistance.verification.category'), dataIndex: 'category', width: 120 },
            { title: t('assistance.facts.declared'), dataIndex: 'declared', render: show },
            {
              title: t('assistance.verification.found'),
              dataIndex: 'found',
              render: (x: unknown) => <Typography.Text type="danger">{show(x)}</Typography.Text>,
            },
            {
              title: t('assistance.verification.status'),
              dataIndex: 'status',
              width: 260,
              render: (_: unknown, f) =>
                f.status === 'open' ? (
                  verifying ? (
                    <Button size="small" type="primary" onClick={() => setResolving(f)} data-testid="finding-resolve">
                      {t('assistance.verification.resolve')}
                    </Button>
                  ) : (
                    <Tag color="orange">{t('assistance.verification.open')}</Tag>
                  )
                ) : (
                  <span>
                    <Tag color="green">
                      {t(`assistance.verification.outcomes.${f.outcome}`, { defaultValue: f.outcome ?? '' })}
                    </Tag>
                    {f.resolution}
                  </span>
                ),
            },
          ]}
        />
      </Card>
      <ModalForm<{ kind: string; visitedOn: string; notes: string }>
        title={t('assistance.verification.addVisit')}
        open={visitOpen}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setVisitOpen(false) }}
        initialValues={{ kind: 'home_visit', visitedOn: dayjs() }}
        onFinish={async (values) => {
          try {
            await api.post(`/assistance/applications/${a.caseId}/visits`, {
              ...values,
              visitedOn: dayjs(values.visitedOn).format('YYYY-MM-DD'),
            });
            setVisitOpen(false);
            await onChanged();
            return true;
          } catch (err) {
            onError(err);
            return false;
          }
        }}
      >
        <ProFormRadio.Group
          name="kind"
          label={t('assistance.verification.kind')}
          options={['home_visit', 'neighbour_interview'].map((k) => ({
            value: k,
            label: t(`assistance.verification.kinds.${k}`),
          }))}
        />
        <ProFormDatePicker
          name="visitedOn"
          label={t('assistance.verification.visitedOn')}
          rules={[{ required: true }]}
        />
        <ProFormTextArea
          name="notes"
          label={t('assistance.verification.notes')}
          rules={[{ required: true, min: 2 }]}
          extra={t('assistance.verification.twoInvestigators')}
          fieldProps={{ rows: 4, ...testId('visit-notes') }}
        />
      </ModalForm>
      <ModalForm<{ outcome: string; note: string }>
        title={t('assistance.verification.resolve')}
        open={resolving !== null}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setResolving(null) }}
        onFinish={async (values) => {
          try {
            await api.post(`/assistance/findings/${resolving?.id}/resolve`, values);
            setResolving(null);
            await onChanged();
            return true;
          } catch (err) {
            onError(err);
            return false;
          }
        }}
      >
        <ProFormSelect
          name="outcome"
          label={t('assistance.verification.outcome')}
          rules={[{ required: true }]}
          options={['accept_found', 'keep_declared'].map((o) => ({
            value: o,
            label: t(`assistance.verification.outcomes.${o}`),
          }))}
        />
        <ProFormTextArea
          name="note"
          label={t('assistance.verification.resolution')}
          rules={[{ required: true, min: 2 }]}
          fieldProps={{ rows: 3 }}
        />
      </ModalForm>
    </Space>
  );
}
