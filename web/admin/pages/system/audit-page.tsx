import { SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Alert, App, Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { dash, formatDateTime } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/types.ts';
import { fetchTablePage, textParam } from '../../hooks/table-request.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

interface AuditFilters {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

function DetailJson({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined || detail === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
  return <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{text}</pre>;
}

export function AuditPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const onError = useApiErrorHandler();
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await api.post<AuditVerifyResult>('/audit/verify');
      setResult(r);
      if (r.ok) {
        modal.success({ title: t('audit.verifyOkTitle'), content: t('audit.verifyOk', { checked: r.checked }) });
      } else {
        modal.error({
          title: t('audit.verifyBadTitle'),
          content: t('audit.verifyBad', { checked: r.checked, id: dash(r.firstBadId) }),
        });
      }
    } catch (err) {
      onError(err);
    } finally {
      setVerifying(false);
    }
  };

  const columns: ProColumns<AuditEntry>[] = [
    {
      title: t('audit.dateRange'),
      dataIndex: 'range',
      valueType: 'dateRange',
      hideInTable: true,
      search: { transform: (value: [string, string]) => ({ from: value[0], to: value[1] }) },
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      hideInTable: true,
      fieldProps: { allowClear: true, ...testId('audit-search-actor') },
    },
    { title: t('audit.at'), dataIndex: 'at', search: false, width: 170, render: (_, a) => formatDateTime(a.at) },
    { title: t('audit.actor'), dataIndex: 'actorName', search: false, width: 110, render: (_, a) => dash(a.actorName) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      fieldProps: { allowClear: true, ...testId('audit-search-action') },
      render: (_, a) => (
        <Tag color={a.action.includes('reveal') || a.action.includes('export') ? 'orange' : 'blue'} className="hm-mono">
          {a.action}
        </Tag>
      ),
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 120, fieldProps: { allowClear: true } },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 200,
      ellipsis: true,
      copyable: true,
      fieldProps: { allowClear: true },
    },
    {
      title: t('audit.region'),
      dataIndex: 'regionCode',
      search: false,
      width: 120,
      render: (_, a) => dash(a.regionCode),
    },
    { title: t('audit.ip'), dataIndex: 'ip', search: false, width: 130, render: (_, a) => dash(a.ip) },
    { title: t('audit.reason'), dataIndex: 'reason', search: false, ellipsis: true, render: (_, a) => dash(a.reason) },
  ];

  return (
    <PageContainer title={t('audit.title')}>
      {result && (
        <Alert
          data-testid="audit-verify-result"
          data-ok={String(result.ok)}
          style={{ marginBottom: 16 }}
          showIcon
          closable
          onClose={() => setResult(null)}
          type={result.ok ? 'success' : 'error'}
          message={result.ok ? t('audit.verifyOkTitle') : t('audit.verifyBadTitle')}
          description={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBad', { checked: result.checked, id: dash(result.firstBadId) })
          }
        />
      )}
      <ProTable<AuditEntry, AuditFilters>
        rowKey="id"
        columns={columns}
        scroll={{ x: 1200 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        request={(params) =>
          fetchTablePage<AuditEntry>('/audit', params, {
            actor: textParam(params.actor),
            action: textParam(params.action),
            entityType: textParam(params.entityType),
            entityId: textParam(params.entityId),
            from: textParam(params.from),
            to: textParam(params.to),
          })
        }
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        expandable={{ expandedRowRender: (a) => <DetailJson detail={a.detail} /> }}
        toolBarRender={() => [
          <Button
            key="verify"
            data-testid="audit-verify"
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={verify}
          >
            {t('audit.verify')}
          </Button>,
        ]}
      />
    </PageContainer>
  );
}
